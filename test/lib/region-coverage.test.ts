/**
 * A province the data covers only in part (Zhejiang, of which only Shaoxing reports) is named
 * with what it covers wherever the site names it, and says so; a fully covered one is not.
 */
import { describe, expect, it } from 'vitest';
import { buildRegionTree } from '../../src/site/site-regions.ts';
import type { SummaryRegion } from '../../src/site/site-data.ts';

const region = (code: string, level: SummaryRegion['level'], parent: string | null, zh: string, en: string, children_total: number): SummaryRegion => ({
  code, level, parent, name_zh: zh, name_en: en, children_total,
});

const regions: SummaryRegion[] = [
  region('330000', 'province', null, '浙江省', 'Zhejiang Province', 11),
  region('330600', 'prefecture', '330000', '绍兴市', 'Shaoxing City', 6),
  ...['330602', '330603', '330604', '330624', '330681', '330683'].map((c) => region(c, 'county', '330600', `县${c}`, `County ${c}`, 0)),
  region('640000', 'province', null, '宁夏回族自治区', 'Ningxia Hui Autonomous Region', 5),
  ...['640100', '640200', '640300', '640400'].map((c) => region(c, 'prefecture', '640000', `市${c}`, `City ${c}`, 1)),
  region('640104', 'county', '640100', '兴庆区', 'Xingqing District', 0),
];

describe('regions covered in part', () => {
  const tree = buildRegionTree(regions);

  it('names a province that only one prefecture reports for with that prefecture', () => {
    expect(tree.get('330000')).toMatchObject({ name_zh: '浙江省（仅绍兴市）', name_en: 'Zhejiang Province (Shaoxing City only)' });
    expect(tree.part('330000')).toMatchObject({ name_zh: '浙江省', total: 11 });
    expect(tree.part('330000')!.covered.map((r) => r.code)).toEqual(['330600']);
    // Its path (breadcrumbs) carries the qualified name too.
    expect(tree.path('330602').map((r) => r.name_zh)).toEqual(['浙江省（仅绍兴市）', '绍兴市', '县330602']);
  });

  it('counts instead of listing when more than three regions are covered', () => {
    expect(tree.get('640000')!.name_en).toBe('Ningxia Hui Autonomous Region (4 of 5 regions only)');
    expect(tree.get('640000')!.name_zh).toBe('宁夏回族自治区（仅5个下级地区中的4个）');
  });

  it('leaves fully covered regions and leaves alone', () => {
    expect(tree.part('330600')).toBeUndefined();
    expect(tree.get('330600')!.name_zh).toBe('绍兴市');
    expect(tree.part('640100')).toBeUndefined();
    expect(tree.part('640104')).toBeUndefined();
  });
});
