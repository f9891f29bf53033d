/**
 * The explorer's table (src/lib/explorer/table.ts's model) drawn into the page's
 * `<table>`: a caption, the column heads, and a row per region, period or category whose
 * name is a button when picking it cross-filters the views.
 */
import { message, type Catalog } from '../lib/explorer/catalog.ts';
import type { TableModel } from '../lib/explorer/table.ts';

/** Draw `model` into `table`. */
export function renderTable(table: HTMLTableElement, model: TableModel, catalog: Catalog): void {
  const caption = document.createElement('caption');
  caption.id = 'explorer-table-caption';
  caption.dataset.caption = '';
  caption.textContent = model.caption;
  const head = document.createElement('thead');
  const headRow = head.insertRow();
  for (const column of model.columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    if (column.numeric) th.className = 'num';
    th.textContent = column.label;
    headRow.append(th);
  }
  const body = document.createElement('tbody');
  const pickKey = `explorer.table.pick.${model.view}`;
  for (const row of model.rows) {
    const tr = body.insertRow();
    tr.dataset.key = row.key;
    if (row.suppressed) tr.className = 'explorer-row--suppressed';
    const th = document.createElement('th');
    th.scope = 'row';
    if (row.pickable) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'explorer-pick';
      button.dataset.action = 'pick';
      button.dataset.view = model.view;
      button.dataset.key = row.key;
      button.setAttribute('aria-pressed', row.pressed ? 'true' : 'false');
      button.title = message(catalog, pickKey, { name: row.label });
      button.textContent = row.label;
      th.append(button);
    } else {
      th.textContent = row.label;
    }
    tr.append(th);
    for (const cell of row.cells) {
      const td = document.createElement('td');
      td.className = 'num';
      td.textContent = cell;
      tr.append(td);
    }
  }
  if (model.note !== null) {
    const td = body.insertRow().insertCell();
    td.colSpan = model.columns.length;
    td.className = 'explorer-table__note';
    td.textContent = model.note;
  }
  table.replaceChildren(caption, head, body);
}
