import { parseArgs } from 'node:util';
import { FormError } from './form/form-error.ts';
import { formatReport } from './form/import-report.ts';
import { runImport } from './form/run-import.ts';
import { SALT_FILE_ENV, saltPath } from './form/salt-file.ts';

const usage = `usage: npm run import-form -- --form FILE --region CODE --period DATE --out FILE [--sheet NAME] [--salt-file FILE]

Converts a county's registration form (100人以上非公企业/外资企业调查核实及建会情况登记表, an Excel
workbook or saved from Excel as CSV or Unicode text) into an enterprises.csv of the input contract.
  --form FILE       the form: an .xlsx workbook, or text in UTF-8, GB18030/GBK or UTF-16 (with
                    byte-order mark), comma or tab separated
  --sheet NAME      read only this sheet of the workbook (default: every sheet holding a form,
                    such as 附件2 and 附件3; an enterprise on two sheets with the same values is
                    written once)
  --region CODE     six-digit GB/T 2260 code of the county the form comes from
  --period DATE     the reporting date the form describes, YYYY-MM-DD
  --out FILE        the enterprises.csv to write (replaced atomically)
  --salt-file FILE  the secret salt for enterprise ids (default: $${SALT_FILE_ENV}, else
                    ~/.config/union-tracker/salt; created if missing; must be outside the repository
                    and reused every quarter so ids stay the same)
Enterprise names, addresses and chair names are dropped and never printed.
Exit codes: 0 done (refused rows are listed), 2 a file or argument cannot be used, 1 internal error.`;

function fail(message: string): never {
  console.error(`import-form: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      form: { type: 'string' },
      region: { type: 'string' },
      period: { type: 'string' },
      out: { type: 'string' },
      'salt-file': { type: 'string' },
      sheet: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(`${(error as Error).message.split('\n')[0]} (see --help)`);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
for (const option of ['form', 'region', 'period', 'out'] as const) {
  if (values[option] === undefined || values[option] === '') fail(`--${option}: missing; give it (see --help)`);
}

try {
  const result = await runImport({
    form: values.form!,
    ...(values.sheet === undefined ? {} : { sheet: values.sheet }),
    region: values.region!,
    period: values.period!,
    out: values.out!,
    saltFile: saltPath(values['salt-file']),
  });
  console.log(formatReport(result));
} catch (error) {
  if (error instanceof FormError) fail(error.message);
  console.error(`import-form: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}
