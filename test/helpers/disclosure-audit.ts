/**
 * An attacker's view of published cells, written independently of protectCells: from the
 * additive relations (a region = the regions below it; a total = its categories), derive by
 * repeated subtraction every suppressed cell that a single relation leaves as its only
 * unknown. Returns the cells so derived, and for every relation whose total is known, the
 * member cells still unknown (their sum is what subtraction reveals).
 */
export interface AuditCell {
  readonly id: string;
  readonly published: boolean;
}

export interface AuditRelation {
  readonly total: string;
  readonly members: readonly string[];
}

export function audit(cells: readonly AuditCell[], relations: readonly AuditRelation[]): { derived: Set<string>; unknown: string[][] } {
  const known = new Set(cells.filter((c) => c.published).map((c) => c.id));
  const derived = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of relations) {
      const unknown = [r.total, ...r.members].filter((id) => !known.has(id));
      if (unknown.length === 1) {
        known.add(unknown[0]!);
        derived.add(unknown[0]!);
        changed = true;
      }
    }
  }
  return { derived, unknown: relations.filter((r) => known.has(r.total)).map((r) => r.members.filter((id) => !known.has(id))) };
}
