/** What the "other" rows need of a cell. */
export interface RelatedCell {
  readonly level: string;
  readonly region: string;
  readonly breakdown: string;
  readonly category: string;
}

/** The suppressed members of one additive relation whose total is published. */
export interface OtherRow<C extends RelatedCell> {
  /** The relation's total cell. */
  readonly total: C;
  /** 'region' when the members are the regions below the total's region, else a breakdown. */
  readonly kind: 'region' | 'breakdown';
  /** Level of the member cells (for region relations) or of the total (for breakdowns). */
  readonly level: string;
  readonly breakdown: string;
  readonly members: readonly C[];
}

/**
 * The "other" rows of a publication: for every additive relation (a region = the regions
 * below it, per category; a total = its categories, per breakdown) whose total is published
 * and some of whose members are not, the suppressed members together. Published parts plus
 * the "other" row add up to the total. An "other" row tells nothing new: it is the total minus
 * the published parts, both published.
 */
export function otherRows<C extends RelatedCell>(cells: readonly C[], suppressed: readonly boolean[], parentOf: (region: string) => string | null): OtherRow<C>[] {
  const index = new Map<string, number>();
  const key = (region: string, breakdown: string, category: string) => `${region}|${breakdown}|${category}`;
  cells.forEach((c, i) => index.set(key(c.region, c.breakdown, c.category), i));
  const relations = new Map<string, { total: number; kind: 'region' | 'breakdown'; members: number[] }>();
  const add = (group: string, total: number | undefined, kind: 'region' | 'breakdown', member: number) => {
    if (total === undefined) return;
    const r = relations.get(group);
    if (r === undefined) relations.set(group, { total, kind, members: [member] });
    else r.members.push(member);
  };
  cells.forEach((c, i) => {
    const parent = parentOf(c.region);
    if (parent !== null) add(`R|${key(parent, c.breakdown, c.category)}`, index.get(key(parent, c.breakdown, c.category)), 'region', i);
    if (c.breakdown !== 'all') add(`B|${c.region}|${c.breakdown}`, index.get(key(c.region, 'all', 'all')), 'breakdown', i);
  });
  const out: OtherRow<C>[] = [];
  for (const r of relations.values()) {
    if (suppressed[r.total]) continue;
    const hidden = r.members.filter((m) => suppressed[m]).map((m) => cells[m]!);
    if (hidden.length === 0) continue;
    const total = cells[r.total]!;
    out.push({ total, kind: r.kind, level: r.kind === 'region' ? hidden[0]!.level : total.level, breakdown: hidden[0]!.breakdown, members: hidden });
  }
  return out;
}
