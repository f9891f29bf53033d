import { describe, expect, it } from 'vitest';
import { buildRegionReference } from '../../scripts/regions/region-reference.ts';
import { englishName } from '../../scripts/regions/english-name.ts';

const regions = buildRegionReference();
const byCode = new Map(regions.map((r) => [r.code, r]));

describe('region reference', () => {
  it('has every province-level division and unique six-digit codes', () => {
    expect(regions.filter((r) => r.level === 'province')).toHaveLength(31);
    expect(byCode.size).toBe(regions.length);
    for (const r of regions) expect(r.code).toMatch(/^\d{6}$/);
  });

  it('links counties to prefectures and provinces, and municipalities directly to the province', () => {
    expect(byCode.get('130925')).toMatchObject({ level: 'county', parent: '130900', prefecture: '130900', province: '130000', leaf: true, name_zh: '盐山县' });
    expect(byCode.get('310104')).toMatchObject({ level: 'county', parent: '310000', prefecture: null });
    expect(byCode.get('330681')).toMatchObject({ name_zh: '诸暨市', name_en: 'Zhuji City', parent: '330600' });
    for (const r of regions) if (r.parent !== null) expect(byCode.has(r.parent), r.code).toBe(true);
  });

  it('treats a prefecture without counties as a leaf and leaves out statistical zones', () => {
    expect(byCode.get('441900')).toMatchObject({ level: 'prefecture', leaf: true });
    expect(byCode.get('640100')).toMatchObject({ level: 'prefecture', leaf: false });
    expect(byCode.has('130171')).toBe(false);
  });

  it('names divisions in English', () => {
    expect(byCode.get('640000')!.name_en).toBe('Ningxia Hui Autonomous Region');
    expect(byCode.get('130900')!.name_en).toBe('Cangzhou');
    expect(englishName('130828', '围场满族蒙古族自治县', 'county')).toBe('Weichang Manchu and Mongol Autonomous County');
    expect(englishName('610100', '西安市', 'prefecture')).toBe("Xi'an");
    expect(englishName('141100', '吕梁市', 'prefecture')).toBe('Lüliang');
    for (const r of regions) expect(r.name_en, r.code).toMatch(/^[A-Z][A-Za-z' ü,-]+$/);
  });
});
