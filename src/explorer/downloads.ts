/**
 * The explorer's downloads: the rows of the table (CSV, Parquet, Arrow) and the SQL panel's
 * result (CSV, Arrow), named after what they hold and the data vintage
 * (src/lib/explorer/files.ts), handed to the reader as files.
 */
import { ipcStreamToFile } from '../lib/explorer/arrow.ts';
import type { Catalog } from '../lib/explorer/catalog.ts';
import { toCsv } from '../lib/explorer/csv.ts';
import { viewFile } from '../lib/explorer/export.ts';
import { downloadName, MIME, viewSubject, type DownloadFormat } from '../lib/explorer/files.ts';
import { csvValue } from '../lib/explorer/result-values.ts';
import type { ViewRow } from '../lib/explorer/rows.ts';
import type { ExplorerState } from '../lib/explorer/state.ts';
import { saveFile } from '../lib/save-file.ts';
import type { UserResult } from './engine.ts';

/** A file to hand the reader. */
export interface Download {
  readonly name: string;
  readonly data: string | Uint8Array;
  readonly type: string;
}

/** The rows the table shows, as a file named after the view (src/lib/explorer/files.ts `viewSubject`). */
export function viewDownload(catalog: Catalog, state: ExplorerState, rows: readonly ViewRow[], format: DownloadFormat): Download {
  return { name: downloadName(viewSubject(state), catalog.vintage, format), data: viewFile(rows, format), type: MIME[format] };
}

/** The rows of a SQL result the panel shows, as CSV. */
export function sqlCsvDownload(catalog: Catalog, result: UserResult, shown: number): Download {
  const rows = result.rows.slice(0, shown).map((row) => result.columns.map((c) => csvValue(row[c.name])));
  return {
    name: downloadName({ sql: true }, catalog.vintage, 'csv'),
    data: toCsv(result.columns.map((c) => c.name), rows),
    type: MIME.csv,
  };
}

/** A SQL result (an Arrow IPC stream from the engine) as an Arrow file. */
export function sqlArrowDownload(catalog: Catalog, ipc: Uint8Array): Download {
  return { name: downloadName({ sql: true }, catalog.vintage, 'arrow'), data: ipcStreamToFile(ipc), type: MIME.arrow };
}

/** Hand a download to the reader. */
export function save(download: Download): void {
  saveFile(download.name, new Blob([download.data as BlobPart], { type: download.type }));
}
