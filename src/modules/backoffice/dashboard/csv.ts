/**
 * CSV for French spreadsheets: `;` between cells (Excel in a French locale reads `,` as the
 * decimal mark), CRLF between lines, a UTF-8 byte-order mark so accents open right.
 *
 * Cells are also defused against formula injection (OWASP "CSV injection"): a value that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by the
 * spreadsheet — an applicant's name is theirs to type — so it gets a leading apostrophe, which
 * spreadsheets show as plain text. Then a cell with a separator, a quote or a line break is
 * quoted, its quotes doubled.
 */
export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole document: BOM, the header row, then one line per row. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly (string | number | null)[]>): string {
  const lines = [header.map(csvCell).join(CSV_SEPARATOR)];
  for (const row of rows) lines.push(row.map(csvCell).join(CSV_SEPARATOR));
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
