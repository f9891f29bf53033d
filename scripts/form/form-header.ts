import { compactText } from './cell-text.ts';

/** The columns of the registration form (附件2/附件3 of 冀工办发〔2018〕43号). */
export type FormField =
  | 'serial'
  | 'name'
  | 'ownership'
  | 'address'
  | 'status'
  | 'employees'
  | 'has_union'
  | 'union_founded_on'
  | 'chair'
  | 'members'
  | 'no_union_reason';

/** One column of the form: its header as printed, other headers offices use, and whether the import needs it. */
export interface FormColumn {
  readonly field: FormField;
  readonly header: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
  /** Holds a name, an address or a person's name: dropped and never written anywhere. */
  readonly identifying: boolean;
}

/** The form's columns, in the order printed on the form. */
export const FORM_COLUMNS: readonly FormColumn[] = [
  { field: 'serial', header: '序号', aliases: ['编号'], required: false, identifying: false },
  { field: 'name', header: '企业名称', aliases: ['单位名称', '企业全称'], required: true, identifying: true },
  { field: 'ownership', header: '企业所有制性质', aliases: ['所有制性质', '所有制', '企业性质', '所有制类型'], required: true, identifying: false },
  { field: 'address', header: '企业地址', aliases: ['地址', '单位地址', '企业住所'], required: false, identifying: true },
  { field: 'status', header: '经营状况', aliases: ['经营状态', '生产经营状况'], required: true, identifying: false },
  { field: 'employees', header: '职工人数', aliases: ['职工数', '从业人数', '员工人数'], required: true, identifying: false },
  { field: 'has_union', header: '是否建会', aliases: ['是否建立工会', '建会情况', '是否已建会'], required: true, identifying: false },
  { field: 'union_founded_on', header: '建会时间', aliases: ['建会日期', '工会成立时间', '建会年月'], required: true, identifying: false },
  { field: 'chair', header: '工会主席姓名', aliases: ['工会主席', '主席姓名'], required: false, identifying: true },
  { field: 'members', header: '会员人数', aliases: ['会员数', '工会会员人数'], required: true, identifying: false },
  { field: 'no_union_reason', header: '未建会原因', aliases: ['未建原因', '未建会的原因'], required: false, identifying: false },
];

/** The form's header row: where it is and which column holds which field. */
export interface FormHeader {
  /** Index of the header row among the parsed rows. */
  readonly rowIndex: number;
  /** Cell index of each field found. */
  readonly columns: ReadonlyMap<FormField, number>;
  /** Header cells that are not form columns (compacted); their cells are ignored. */
  readonly ignored: readonly string[];
}

const byWord = new Map<string, FormColumn>();
for (const column of FORM_COLUMNS) {
  for (const word of [column.header, ...column.aliases]) byWord.set(compactText(word), column);
}

/**
 * The form column a header cell names, if any. Whitespace and line breaks inside the cell
 * ("是否\n建会") are ignored, and so is a trailing unit in brackets ("职工人数（人）").
 */
export function formColumnOf(cell: string): FormColumn | undefined {
  const compact = compactText(cell);
  return byWord.get(compact) ?? byWord.get(compact.replace(/\([^()]*\)$/u, ''));
}

/** A header row needs 企业名称 and at least this many other form columns. */
const MIN_OTHER_COLUMNS = 3;

/**
 * Finds the header row: the first row naming 企业名称 and at least three other form columns.
 * Rows above it are the form's title rows. Returns undefined when no row qualifies. A column
 * named twice keeps its first cell, and the repeat is listed as ignored.
 */
export function findFormHeader(rows: readonly (readonly string[])[]): FormHeader | undefined {
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
    const columns = new Map<FormField, number>();
    const ignored: string[] = [];
    rows[rowIndex]!.forEach((cell, i) => {
      const column = formColumnOf(cell);
      if (column !== undefined && !columns.has(column.field)) columns.set(column.field, i);
      else if (compactText(cell) !== '') ignored.push(compactText(cell));
    });
    if (columns.has('name') && columns.size - 1 >= MIN_OTHER_COLUMNS) return { rowIndex, columns, ignored };
  }
  return undefined;
}
