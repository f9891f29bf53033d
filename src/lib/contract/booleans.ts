/**
 * The words accepted for a boolean cell, compared after trimming and lower-casing.
 * Offices type English, digits, Chinese, or Excel's tick and cross.
 */
export const booleanWords: { readonly true: readonly string[]; readonly false: readonly string[] } = {
  true: ['true', '1', 'yes', 'y', 't', '是', '有', '√', '✓'],
  false: ['false', '0', 'no', 'n', 'f', '否', '无', '×', '✗'],
};
