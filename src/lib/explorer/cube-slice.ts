/**
 * The rows of each metric, cut out of the published cube (an Arrow IPC stream) as smaller
 * Arrow IPC streams with the same columns and types. The site build writes them
 * (src/pages/data/cube/[metric].arrow.ts) so that the explorer can load the metric it opens
 * with first and draw its first view while the whole cube loads behind it. A view of that
 * metric selects exactly the same rows from the slice as from the whole cube (every view
 * filters on its metric), so it gives the same numbers.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import { tableFromArrays, tableFromIPC, tableToIPC } from '@uwdata/flechette';

/** The rows of every metric in the cube, each as an Arrow IPC stream, by metric (in cube order). */
export function metricSlices(cube: Uint8Array): Map<string, Uint8Array> {
  const table = tableFromIPC(cube);
  const metricColumn = table.getChild('metric');
  const out = new Map<string, Uint8Array>();
  if (metricColumn === null) return out;
  const rowsOf = new Map<string, number[]>();
  for (let i = 0; i < table.numRows; i += 1) {
    const metric = String(metricColumn.at(i));
    let rows = rowsOf.get(metric);
    if (rows === undefined) rowsOf.set(metric, (rows = []));
    rows.push(i);
  }
  const fields = table.schema.fields.map((field) => ({ field, values: table.getChild(field.name).toArray() as ArrayLike<unknown> }));
  for (const [metric, rows] of rowsOf) {
    const data: Record<string, unknown[]> = {};
    const types: Record<string, (typeof table.schema.fields)[number]['type']> = {};
    for (const { field, values } of fields) {
      data[field.name] = rows.map((i) => values[i]);
      types[field.name] = field.type;
    }
    const bytes = tableToIPC(tableFromArrays(data as Parameters<typeof tableFromArrays>[0], { types }), { format: 'stream' });
    if (bytes !== null) out.set(metric, bytes);
  }
  return out;
}
