/**
 * Normalise a chart's SVG for snapshot comparison, as Observable Plot's own tests do:
 * stable ids (renumbered in order of appearance), numbers rounded to two decimals, and one
 * element per line so that a change shows as a readable diff.
 */
export function normalizeSvg(svg: string): string {
  const ids = new Map<string, string>();
  const renumber = (id: string): string => {
    let stable = ids.get(id);
    if (stable === undefined) {
      stable = `id-${String(ids.size + 1)}`;
      ids.set(id, stable);
    }
    return stable;
  };
  return (
    svg
      // Stable ids and the references to them.
      .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${renumber(id)}"`)
      .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${renumber(id)})`)
      // Rounded numbers inside attribute values (text content is left as written).
      .replace(/="([^"]*)"/g, (_m, value: string) =>
        `="${value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`,
      )
      // One element per line.
      .replace(/></g, '>\n<')
      .trim() + '\n'
  );
}
