/**
 * The published figures (data/reference/published-figures.csv): the committed file is valid
 * and holds what the context page charts; a broken file is refused with every problem placed.
 */
import { describe, expect, it } from 'vitest';
import { loadPublishedFigures, parsePublishedFigures, PublishedFiguresError } from '../../src/site/published-figures.ts';

const HEADER = 'indicator,area,period,breakdown,value,qualifier,unit,news,source,source_zh,vintage,definition';

describe('published figures', () => {
  it('reads the committed file: every figure with its source, vintage and definition', () => {
    const figures = loadPublishedFigures();
    expect(figures.length).toBeGreaterThan(50);
    expect(figures.find((f) => f.indicator === 'union_density' && f.area === 'CHN' && f.period === '2017')).toMatchObject({ value: 44.25, unit: 'percent', news: false });
    expect(figures.find((f) => f.indicator === 'migrant_union_share')).toMatchObject({ value: 14.5, news: true, period: '2021' });
    expect(figures.filter((f) => f.indicator === 'census2004_union_share_units').map((f) => f.area).sort()).toEqual(['130000', '310000', '330000', '450000', 'CHN']);
    for (const f of figures) expect(f.source && f.sourceZh && f.vintage && f.definition).toBeTruthy();
  });

  it('refuses a broken file, naming every problem with its line and column', () => {
    const text = [
      HEADER,
      'union_density,CHN,2017,,44.25,,percent,false,ILOSTAT,国际劳工组织,2026,density',
      'Union Density,China,17,,-1,about,percentage,yes,,,last year,',
      'union_density,CHN,2017,,44.3,,percent,false,ILOSTAT,国际劳工组织,2026,density',
      'union_density,JPN,2017,,17.2,,million_persons,false,ILOSTAT,国际劳工组织,2026,density',
      'x,CHN,2017',
    ].join('\n');
    let error: unknown;
    try {
      parsePublishedFigures(text, 'f.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PublishedFiguresError);
    const problems = (error as PublishedFiguresError).problems;
    expect(problems).toEqual([
      'f.csv:3:1 (indicator): "Union Density" is not an id (lowercase letters, digits, _)',
      'f.csv:3:2 (area): "China" is neither an ISO 3166 alpha-3 country code nor a province\'s GB/T 2260 code',
      'f.csv:3:3 (period): "17" is not YYYY or YYYY-MM',
      'f.csv:3:5 (value): "-1" is not a number of at least 0',
      'f.csv:3:6 (qualifier): "about" is neither empty nor more_than',
      'f.csv:3:7 (unit): "percentage" is none of percent, ten_thousand_persons, million_persons, million_units, units',
      'f.csv:3:8 (news): "yes" is neither true nor false',
      'f.csv:3:9 (source): empty; every figure keeps its source',
      'f.csv:3:10 (source_zh): empty; every figure keeps its source_zh',
      'f.csv:3:12 (definition): empty; every figure keeps its definition',
      'f.csv:3:11 (vintage): "last year" is not YYYY, YYYY-MM or YYYY-MM-DD',
      'f.csv:4: union_density CHN 2017 is given twice (also line 2)',
      'f.csv:5:7 (unit): union_density is in percent on line 2, here in million_persons',
      'f.csv:6: 3 cells, the header has 12',
    ]);
    expect(() => parsePublishedFigures(`${HEADER}\nunion_density,CHN,2017,,1,,percent,false,"a\nb",z,2017,d\n`, 'f.csv')).toThrow(/row 2 has a cell holding a line break/);
  });
});
