import type { Contract } from '../../src/lib/contract/contract.ts';
import { booleanWords } from '../../src/lib/contract/booleans.ts';

const TYPE_TEXT: Record<string, string> = {
  date: 'date (YYYY-MM-DD)',
  id: 'pseudonymous id',
  region: 'region code',
  enum: 'code',
  integer: 'whole number ≥ 0',
  boolean: 'yes/no',
};

const CELL_RULES: ReadonlyArray<readonly [string, string]> = [
  ['required', 'A required cell is empty.'],
  ['integer', 'A count is not a whole number (digits only; no decimals, units or spaces inside).'],
  ['non_negative', 'A count is negative.'],
  ['date', 'A date is not a valid calendar date written YYYY-MM-DD between 1900 and 2100.'],
  ['boolean', `A yes/no cell is not one of: ${booleanWords.true.join(' ')} (yes) or ${booleanWords.false.join(' ')} (no), case-insensitive.`],
  ['enum', 'A coded cell is neither a code nor one of its Chinese words (tables below) nor, for ownership and industry, a word of data/reference/ (registration types, GB/T 4754 division codes); compared without case, spaces or the punctuation offices vary (、，() （） …), with or without a trailing 企业 or 公司.'],
  ['id', 'An id is not 1–64 ASCII letters, digits, dots, dashes or underscores (a name is never an id).'],
  ['region_code', 'A region code is not six digits.'],
  ['region_unknown', 'A region code is not in the GB/T 2260 reference.'],
  ['region_level', 'A region code is of a level the file does not allow (enterprises.csv and members.csv need a county-level code).'],
  ['duplicate_key', "Two or more rows share the file's key; all of them are rejected, each naming the others' lines."],
  ['field_count', 'A row has more or fewer cells than the header (a stray comma, a missing cell).'],
  ['unterminated_quote', 'A quoted cell is never closed; the rest of the file was read as one cell.'],
];

function escape(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The contract as Markdown: files, columns, rules and enumerations, in English and Chinese. */
export function contractMarkdown(contract: Contract): string {
  const lines: string[] = [];
  for (const table of contract.tables) {
    lines.push(`### \`${table.file}\``, '', `${table.description.en} ${table.description.zh}`, '');
    lines.push(`Key: one row per (${table.key.map((k) => `\`${k}\``).join(', ')}). Region levels allowed: ${table.region_levels.join(', ')}.`, '');
    lines.push('| column | 中文表头 | type | required | meaning |', '|---|---|---|---|---|');
    for (const c of table.columns) {
      const type = c.type === 'enum' ? `code: [${c.enum}](#${c.enum})` : TYPE_TEXT[c.type];
      lines.push(`| \`${c.name}\` | ${c.zh} | ${type} | ${c.required ? 'yes' : 'no'} | ${escape(c.description.en)} ${escape(c.description.zh)} |`);
    }
    lines.push('');
    if (table.rules.length > 0) {
      lines.push('Row rules (a row that breaks one is rejected; checks with an empty or malformed cell are skipped, that cell already being an error; `raw_<column>` is the cell as written, before parsing):', '');
      lines.push('| rule | column reported | holds when | message |', '|---|---|---|---|');
      for (const r of table.rules) lines.push(`| \`${r.name}\` | \`${r.column}\` | \`${escape(r.check)}\` | ${escape(r.message.en)} / ${escape(r.message.zh)} |`);
      lines.push('');
    }
  }
  lines.push('### Cell and structure rules (every file)', '', '| rule | a row is rejected when |', '|---|---|');
  for (const [rule, text] of CELL_RULES) lines.push(`| \`${rule}\` | ${escape(text)} |`);
  lines.push('', '### Enumerations', '');
  for (const [name, e] of Object.entries(contract.enums)) {
    lines.push(`#### ${name}`, '', `${e.label.en} / ${e.label.zh}`, '', '| code | English | 中文 | also accepted |', '|---|---|---|---|');
    for (const v of e.values) lines.push(`| \`${v.code}\` | ${escape(v.en)} | ${v.zh} | ${v.aliases.join('、') || '—'} |`);
    lines.push('');
    const reference = REFERENCE_NOTES[name];
    if (reference !== undefined) lines.push(reference, '');
  }
  return lines.join('\n');
}

/** What data/reference/ adds to an enumeration's words (see scripts/reference/enum-vocabulary.ts). */
const REFERENCE_NOTES: Readonly<Record<string, string>> = {
  ownership:
    'Also accepted: the national registration types (登记注册类型) by name or 2011 code (`173`, `173 私营有限责任公司`, 中外合资经营企业, 港、澳、台商独资经营企业 …), the enterprise types of business licences (有限责任公司（自然人投资或控股） …) and their usual short names (中外合资企业, 外商独资企业 …), from [reference/registration-types.csv](reference/registration-types.csv). A type that does not say its owners (有限责任公司, 股份有限公司, 其他企业 …) is counted in the category that file states, and the rows so read are listed with the reason: in the report of `npm run import-form`, and in `noted_values` of the report.json of `npm run data`.',
  industry: 'Also accepted: a GB/T 4754-2017 division code (`36` → `C`), from [reference/industry-divisions.csv](reference/industry-divisions.csv).',
};

/** Replaces the generated part of a Markdown document, between its contract markers. */
export function replaceGenerated(document: string, generated: string): string {
  const start = '<!-- contract:start (generated by npm run docs; do not edit by hand) -->';
  const end = '<!-- contract:end -->';
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from < 0 || to < from) throw new Error('data/README.md: contract markers not found');
  return `${document.slice(0, from + start.length)}\n\n${generated}\n${document.slice(to)}`;
}
