import type { DuckDBConnection } from '@duckdb/node-api';

/** Suffix of the pseudo-region holding what a region reported itself, not through a region below. */
export const UNATTRIBUTED = '~';

/** The region reference as a tree: parents, provinces, and the chain of regions above a leaf. */
export interface RegionTree {
  /** The region directly above (prefecture, else province; none for a province); a pseudo-region's own region. */
  parent(region: string): string | null;
  /** The province a region (or pseudo-region) lies in. */
  province(region: string): string;
  /** A leaf region (a county, or a region's pseudo-region of what it reported itself) and every region above it. */
  ancestors(leaf: string): string[];
}

/** Reads the region reference of the warehouse as a tree. */
export async function regionTree(connection: DuckDBConnection): Promise<RegionTree> {
  const rows = (await connection.runAndReadAll(
    `SELECT code, province, CASE WHEN level = 'county' THEN coalesce(prefecture, province) WHEN level = 'prefecture' THEN province END AS parent FROM regions`,
  )).getRowObjectsJS() as { code: string; province: string; parent: string | null }[];
  const parents = new Map(rows.map((r) => [r.code, r.parent]));
  const provinces = new Map(rows.map((r) => [r.code, r.province]));
  const own = (region: string) => (region.endsWith(UNATTRIBUTED) ? region.slice(0, -1) : region);
  const parent = (region: string) => (region.endsWith(UNATTRIBUTED) ? own(region) : (parents.get(region) ?? null));
  return {
    parent,
    province: (region) => {
      const p = provinces.get(own(region));
      if (p === undefined) throw new Error(`region ${region} is not in the reference`);
      return p;
    },
    ancestors: (leaf) => {
      const chain: string[] = [];
      for (let r: string | null = leaf; r !== null; r = parent(r)) chain.push(r);
      return chain;
    },
  };
}
