/**
 * The region tree of the data (from public/data/summary.json): names in each language,
 * parents, children and the path from the province down, for breadcrumbs and comparisons.
 * Built once per build. Plain TypeScript over the summary; no file access of its own.
 */
import type { Locale } from './i18n.ts';
import { localePath } from './i18n.ts';
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
}

let cache: RegionTree | undefined;

/** The region tree of the published summary. */
export function loadRegionTree(): RegionTree {
  if (cache) return cache;
  const regions = loadSummary().regions;
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const kids = new Map<string, SummaryRegion[]>();
  for (const region of regions) {
    if (region.parent === null) continue;
    const list = kids.get(region.parent) ?? [];
    list.push(region);
    kids.set(region.parent, list);
  }
  for (const list of kids.values()) list.sort((a, b) => a.code.localeCompare(b.code));
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
  cache = {
    all: sortRegions(regions),
    get: (code) => byCode.get(code),
    children: (code) => kids.get(code) ?? [],
    siblings: (code) => {
      const parent = byCode.get(code)?.parent;
      return parent === null || parent === undefined ? roots : (kids.get(parent) ?? []);
    },
    path,
    within: (code, ancestor) => path(code).some((r) => r.code === ancestor),
  };
  return cache;
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

/** The briefing pack of a campaign or a region: `/briefing/campaigns/ningxia-2020/`, `/en/briefing/regions/640000/`. */
export function briefingHref(locale: Locale, kind: 'campaigns' | 'regions', id: string): string {
  return localePath(locale, `/briefing/${kind}/${id}/`);
}
