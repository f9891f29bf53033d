/**
 * The region tree of the data (from public/data/summary.json): names in each language,
 * parents, children and the path from the province down, for breadcrumbs and comparisons.
 * Built once per build. Plain TypeScript over the summary; no file access of its own.
 */
import type { Locale } from '../lib/i18n.ts';
import { localePath, t } from '../lib/i18n.ts';
import { loadSummary, localized, sortRegions, type SummaryRegion } from './site-data.ts';

/** The region tree with lookups. */
export interface RegionTree {
  /** Every region in reading order (province, its prefectures, their counties). */
  readonly all: readonly SummaryRegion[];
  get(code: string): SummaryRegion | undefined;
  /** The regions directly below `code`, in code order. */
  children(code: string): readonly SummaryRegion[];
  /** The regions with the same parent as `code` (itself included), in code order. */
  siblings(code: string): readonly SummaryRegion[];
  /** From the top region down to `code` itself. */
  path(code: string): readonly SummaryRegion[];
  /** Is `code` the region `ancestor` or below it? */
  within(code: string, ancestor: string): boolean;
  /** For a region the data covers only in part: the regions below it the data holds, of how many; else undefined. */
  part(code: string): PartCoverage | undefined;
}

/** What the data holds of a region it covers only in part. */
export interface PartCoverage {
  /** The region's own name, without the qualifier the tree adds. */
  readonly name_zh: string;
  readonly name_en: string;
  /** The regions directly below it that the data holds. */
  readonly covered: readonly SummaryRegion[];
  /** How many regions lie directly below it in the national division. */
  readonly total: number;
}

/**
 * The name of a region covered in part, qualified by what it covers: "浙江省（仅绍兴市）",
 * "Zhejiang Province (Shaoxing City only)"; with more than three regions, their count.
 */
function qualified(region: SummaryRegion, covered: readonly SummaryRegion[]): Pick<SummaryRegion, 'name_zh' | 'name_en'> {
  const few = covered.length <= 3;
  return {
    name_zh: t('zh-CN', few ? 'region.part.name' : 'region.part.name.count', {
      name: region.name_zh,
      covered: covered.map((c) => c.name_zh).join('、'),
      count: String(covered.length),
      total: String(region.children_total),
    }),
    name_en: t('en', few ? 'region.part.name' : 'region.part.name.count', {
      name: region.name_en,
      covered: covered.map((c) => c.name_en).join(', '),
      count: String(covered.length),
      total: String(region.children_total),
    }),
  };
}

let cache: RegionTree | undefined;

/** The region tree of the published summary. */
export function loadRegionTree(): RegionTree {
  cache ??= buildRegionTree(loadSummary().regions);
  return cache;
}

/** The regions directly below each region, in code order. */
function childrenByParent(regions: readonly SummaryRegion[]): Map<string, SummaryRegion[]> {
  const groups = Map.groupBy(
    regions.filter((r) => r.parent !== null),
    (r) => r.parent!,
  );
  for (const list of groups.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return groups;
}

/** The region tree of a list of regions (a province, its prefectures, their counties…). */
export function buildRegionTree(source: readonly SummaryRegion[]): RegionTree {
  const below = childrenByParent(source);
  // A region whose data holds some but not all of the regions below it is named with what it
  // covers, wherever the site names it (headings, charts, tables, breadcrumbs).
  const parts = new Map<string, PartCoverage>();
  const regions = source.map((region) => {
    const covered = below.get(region.code) ?? [];
    if (covered.length === 0 || covered.length >= region.children_total) return region;
    parts.set(region.code, { name_zh: region.name_zh, name_en: region.name_en, covered, total: region.children_total });
    return { ...region, ...qualified(region, covered) };
  });
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const kids = childrenByParent(regions);
  const path = (code: string): SummaryRegion[] => {
    const out: SummaryRegion[] = [];
    let current = byCode.get(code);
    while (current) {
      out.unshift(current);
      current = current.parent === null ? undefined : byCode.get(current.parent);
    }
    return out;
  };
  const roots = regions.filter((r) => r.parent === null).sort((a, b) => a.code.localeCompare(b.code));
  return {
    all: sortRegions(regions),
    get: (code) => byCode.get(code),
    children: (code) => kids.get(code) ?? [],
    siblings: (code) => {
      const parent = byCode.get(code)?.parent;
      return parent === null || parent === undefined ? roots : (kids.get(parent) ?? []);
    },
    path,
    within: (code, ancestor) => path(code).some((r) => r.code === ancestor),
    part: (code) => parts.get(code),
  };
}

/** A region's name in a locale (the code when the region is unknown). */
export function regionName(code: string, locale: Locale): string {
  const region = loadRegionTree().get(code);
  return region === undefined ? code : localized(region, 'name', locale);
}

/** The page of a region: `/regions/130000/`, `/en/regions/130000/`. */
export function regionHref(locale: Locale, code: string): string {
  return localePath(locale, `/regions/${code}/`);
}

/** The page of a metric: `/metrics/member_rate/`. */
export function metricHref(locale: Locale, id: string): string {
  return localePath(locale, `/metrics/${id}/`);
}

/** The page of a campaign (one per policy document): `/campaigns/ningxia-2020/`. */
export function campaignHref(locale: Locale, document: string, target?: string): string {
  return `${localePath(locale, `/campaigns/${document}/`)}${target === undefined ? '' : `#${target}`}`;
}

/** The explorer opened on a campaign target's view, at its deadline: `/explore/?target=ningxia-2020-migrant-enrollment`. */
export function exploreTargetHref(locale: Locale, target: string): string {
  return `${localePath(locale, '/explore/')}?target=${encodeURIComponent(target)}`;
}

/** The briefing pack of a campaign or a region: `/briefing/campaigns/ningxia-2020/`, `/en/briefing/regions/640000/`. */
export function briefingHref(locale: Locale, kind: 'campaigns' | 'regions', id: string): string {
  return localePath(locale, `/briefing/${kind}/${id}/`);
}
