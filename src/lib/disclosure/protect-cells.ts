/** The parts of a cell that disclosure control needs: its additive unit counts. */
export interface ProtectableCell {
  readonly level: string;
  readonly region: string;
  readonly breakdown: string;
  readonly category: string;
  /** Units (enterprises or persons) the value is computed from. */
  readonly population: number | null;
  /** Units contributing to a sensitive numerator (e.g. enterprises with members). */
  readonly contributors: number | null;
}

/** The result for one cell: published as is, or suppressed. */
export interface CellDecision<C> {
  readonly cell: C;
  readonly suppressed: boolean;
  /** Why: below k itself (primary), or hidden so that another cell cannot be recovered. */
  readonly reason: 'primary' | 'complementary' | null;
}

/** Rows that stand for the suppressed members of an additive relation, so that totals stay exact. */
export interface OtherRow {
  /** The relation's total cell. */
  readonly total: ProtectableCell;
  /** 'region' when the members are the regions below the total's region, else the breakdown. */
  readonly kind: 'region' | 'breakdown';
  /** Level of the member cells (for region relations) or of the total (for breakdowns). */
  readonly level: string;
  readonly breakdown: string;
  readonly members: readonly ProtectableCell[];
}

/** Everything disclosure control decided for a set of cells. */
export interface Protection<C extends ProtectableCell> {
  readonly decisions: ReadonlyArray<CellDecision<C>>;
  readonly others: readonly OtherRow[];
}

interface Relation {
  readonly total: number;
  readonly members: readonly number[];
  readonly kind: 'region' | 'breakdown';
}

/**
 * Threshold rule with complementary suppression, for the cells of one metric in one period.
 *
 * A cell is sensitive when it is computed from fewer than k units (population or
 * contributors between 1 and k−1). Cells are tied by additive relations: a region equals the
 * sum of the regions directly below it (for each breakdown category), and a region's total
 * equals the sum of its categories (for each breakdown). Suppressing a sensitive cell is not
 * enough when it can be recovered by subtracting published cells from a published total, so
 * the rule, applied until nothing changes, is:
 *
 * 1. every cell that chained subtraction can determine (a relation with one unknown member,
 *    repeatedly) counts as published;
 * 2. no sensitive cell may be determined that way;
 * 3. in every relation whose total is known, the suppressed members that remain unknown
 *    together hold 0 or at least k units (so an "other" row publishing their sum is safe).
 * When a relation breaks 2 or 3, its smallest published member is suppressed too (never a
 * total while a member can serve). Each round suppresses at least one more cell, so it ends.
 */
export function protectCells<C extends ProtectableCell>(
  cells: readonly C[],
  parentOf: (region: string) => string | null,
  k: number,
  /** Cells never published, whatever their size (e.g. counts not attributed to any region below). */
  alwaysHidden: (cell: C) => boolean = () => false,
): Protection<C> {
  const index = new Map<string, number>();
  const key = (level: string, region: string, breakdown: string, category: string) => `${level}|${region}|${breakdown}|${category}`;
  cells.forEach((c, i) => index.set(key(c.level, c.region, c.breakdown, c.category), i));
  const pop = cells.map((c) => c.population ?? 0);
  const contrib = cells.map((c) => c.contributors ?? 0);
  const sensitive = cells.map((c, i) => (pop[i]! > 0 && pop[i]! < k) || (contrib[i]! > 0 && contrib[i]! < k) || alwaysHidden(c));

  const relations: Relation[] = [];
  const regionChildren = new Map<string, number[]>();
  const breakdownMembers = new Map<string, number[]>();
  cells.forEach((c, i) => {
    const parent = parentOf(c.region);
    if (parent !== null) {
      const parentLevel = cells.length > 0 ? levelOfRegion(parent) : '';
      const group = `${parentLevel}|${parent}|${c.breakdown}|${c.category}`;
      if (!regionChildren.has(group)) regionChildren.set(group, []);
      regionChildren.get(group)!.push(i);
    }
    if (c.breakdown !== 'all') {
      const group = key(c.level, c.region, 'all', 'all') + `|${c.breakdown}`;
      if (!breakdownMembers.has(group)) breakdownMembers.set(group, []);
      breakdownMembers.get(group)!.push(i);
    }
  });
  function levelOfRegion(region: string): string {
    for (const level of ['province', 'prefecture', 'county']) if (index.has(key(level, region, 'all', 'all'))) return level;
    return '';
  }
  for (const [group, members] of regionChildren) {
    const total = index.get(group);
    if (total !== undefined) relations.push({ total, members, kind: 'region' });
  }
  for (const [group, members] of breakdownMembers) {
    const total = index.get(group.slice(0, group.lastIndexOf('|')));
    if (total !== undefined) relations.push({ total, members, kind: 'breakdown' });
  }
  const relationsOf: number[][] = cells.map(() => []);
  relations.forEach((r, ri) => {
    relationsOf[r.total]!.push(ri);
    for (const m of r.members) relationsOf[m]!.push(ri);
  });

  const hidden = new Uint8Array(cells.length);
  const complementary = new Uint8Array(cells.length);
  sensitive.forEach((s, i) => {
    if (s) hidden[i] = 1;
  });

  for (let round = 0; round < cells.length + 1; round++) {
    // 1. Propagate what subtraction determines.
    const known = new Uint8Array(cells.length);
    for (let i = 0; i < cells.length; i++) known[i] = hidden[i] ? 0 : 1;
    const unknownCount = relations.map((r) => [r.total, ...r.members].reduce((n, m) => n + (known[m] ? 0 : 1), 0));
    const derivedBy = new Int32Array(cells.length).fill(-1);
    const queue: number[] = [];
    unknownCount.forEach((n, ri) => {
      if (n === 1) queue.push(ri);
    });
    while (queue.length > 0) {
      const ri = queue.pop()!;
      if (unknownCount[ri] !== 1) continue;
      const r = relations[ri]!;
      const x = [r.total, ...r.members].find((m) => !known[m]);
      if (x === undefined) continue;
      known[x] = 1;
      derivedBy[x] = ri;
      for (const rj of relationsOf[x]!) {
        unknownCount[rj]!--;
        if (unknownCount[rj] === 1) queue.push(rj);
      }
    }
    // 2 and 3. Find the relations that give something away.
    const violated = new Set<number>();
    for (let i = 0; i < cells.length; i++) if (sensitive[i] && derivedBy[i] >= 0) violated.add(derivedBy[i]!);
    relations.forEach((r, ri) => {
      if (!known[r.total]) return;
      let p = 0;
      let c = 0;
      let any = false;
      for (const m of r.members) {
        if (!known[m]) {
          any = true;
          p += pop[m]!;
          c += contrib[m]!;
        }
      }
      if (any && ((p > 0 && p < k) || (c > 0 && c < k))) violated.add(ri);
    });
    if (violated.size === 0) break;
    let changed = false;
    // Suppress the smallest published member of each offending relation. A relation with no
    // published member left was made solvable by cells derived elsewhere: go back to the
    // relations that derived them.
    const seen = new Set<number>();
    const pending = [...violated];
    while (pending.length > 0) {
      const ri = pending.pop()!;
      if (seen.has(ri)) continue;
      seen.add(ri);
      const r = relations[ri]!;
      let best = -1;
      for (const m of r.members) if (!hidden[m] && pop[m]! > 0 && (best < 0 || pop[m]! < pop[best]!)) best = m;
      if (best < 0 && !hidden[r.total]) best = r.total;
      if (best >= 0) {
        hidden[best] = 1;
        complementary[best] = 1;
        changed = true;
      } else {
        for (const m of [r.total, ...r.members]) if (derivedBy[m]! >= 0) pending.push(derivedBy[m]!);
      }
    }
    if (!changed) break;
  }

  const decisions = cells.map((cell, i) => ({
    cell,
    suppressed: hidden[i] === 1,
    reason: hidden[i] ? (complementary[i] && !sensitive[i] ? ('complementary' as const) : ('primary' as const)) : null,
  }));
  const others: OtherRow[] = [];
  for (const r of relations) {
    if (hidden[r.total]) continue;
    const members = r.members.filter((m) => hidden[m]).map((m) => cells[m]!);
    if (members.length === 0) continue;
    const total = cells[r.total]!;
    others.push({
      total,
      kind: r.kind,
      level: r.kind === 'region' ? members[0]!.level : total.level,
      breakdown: r.kind === 'region' ? members[0]!.breakdown : members[0]!.breakdown,
      members,
    });
  }
  return { decisions, others };
}
