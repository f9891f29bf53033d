/**
 * The metric definitions (data/metrics/*.json) as the registry validates them: every
 * definition the site ships loads, and each rule refuses a definition that breaks it,
 * naming its file and field (all issues collected, not the first).
 */
import { describe, expect, it } from 'vitest';
import { loadMetrics } from '../../scripts/metrics/load-metrics.ts';
import { validateMetrics } from '../../src/lib/metrics/registry.ts';
import { regionCompareMetrics, regionKeyMetrics } from '../../src/lib/site-key-metrics.ts';

const rate = {
  id: 'r',
  source: 'enterprises',
  unit: 'rate',
  label: { en: 'R', zh: 'R' },
  description: { en: 'R', zh: 'R' },
  still_lacks: { en: 'Enterprises still without a union', zh: '尚未建会的企业' },
  numerator: 'unionized',
  denominator: 'enterprises',
  population: 'enterprises',
  where: {},
  breakdowns: [],
  disclosure: 'enterprises',
};
const count = { ...rate, id: 'c', unit: 'count', denominator: null, still_lacks: undefined };

const issues = (files: Record<string, unknown>) => validateMetrics(JSON.parse(JSON.stringify(files)) as Record<string, unknown>).issues.map((i) => `${i.file}: ${i.path}: ${i.message}`);

describe('metric definitions', () => {
  it('load for every metric the site ships, with the region pages’ places', () => {
    const metrics = [...loadMetrics().values()];
    expect(metrics.length).toBeGreaterThan(20);
    expect(regionKeyMetrics(metrics).map((m) => m.id)).toEqual([
      'coverage_all',
      'coverage_50plus',
      'member_rate',
      'member_rate_unionized',
      'migrant_enrollment_rate',
      'group_enrollment_rate',
    ]);
    expect(regionCompareMetrics(metrics).map((m) => m.id)).toEqual(['coverage_all', 'member_rate']);
    for (const m of metrics.filter((m) => m.unit === 'rate')) expect(m.still_lacks?.zh, m.id).toBeTruthy();
  });

  it('accept a well-formed rate and count', () => {
    expect(issues({ 'r.json': rate, 'c.json': count })).toEqual([]);
  });

  it('say what each rate still lacks, in both languages, and a count does not', () => {
    expect(issues({ 'r.json': { ...rate, still_lacks: undefined } })).toEqual([
      'r.json: still_lacks: a rate needs still_lacks: what it still lacks, in words, in both languages',
    ]);
    expect(issues({ 'r.json': { ...rate, still_lacks: { en: 'x' } } })[0]).toMatch(/^r\.json: still_lacks\.zh: /);
    expect(issues({ 'c.json': { ...count, still_lacks: rate.still_lacks } })).toEqual([
      'c.json: still_lacks: a count has no still_lacks (what a count lacks is the count missing)',
    ]);
  });

  it('give the region pages’ places 1, 2, … once each, and compare rates only', () => {
    const a = { ...rate, id: 'a', region_page: { key: 1, compare: 1 } };
    const b = { ...rate, id: 'b', region_page: { key: 3 } };
    expect(issues({ 'a.json': a, 'b.json': b })).toEqual([
      'b.json: region_page.key: key places must run 1, 2, 3… without gaps or repeats; b has 3 where 2 is due',
    ]);
    expect(issues({ 'a.json': a, 'b.json': { ...b, region_page: { key: 1 } } })).toHaveLength(1);
    expect(issues({ 'c.json': { ...count, region_page: { compare: 1 } } })).toEqual(['c.json: region_page.compare: region pages compare rates only']);
    expect(issues({ 'a.json': { ...a, region_page: { lead: 1 } } })[0]).toMatch(/^a\.json: region_page: /);
  });

  it('name every problem of a file, with its field', () => {
    const bad = { ...rate, numerator: 'nothing', still_lacks: undefined, breakdowns: ['colour'] };
    const found = issues({ 'r.json': bad });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/numerator: unknown measure nothing/);
    expect(found.join('\n')).toMatch(/breakdowns\.0: unknown dimension colour/);
  });
});
