/**
 * Chart inputs for the snapshot and summary tests: small, fixed data shaped like the
 * published rows (a Ningxia-like 55% target with phases, a coverage target already
 * missed, a range of counts, regions ranked, small multiples).
 */
import type { YearLinesInput } from '../../src/charts/year-lines.ts';
import type { DotPlotInput } from '../../src/charts/dot-plot.ts';
import type { ProgressInput } from '../../src/charts/progress.ts';
import type { RankedBarsInput } from '../../src/charts/ranked-bars.ts';
import type { SparklineInput } from '../../src/charts/sparkline.ts';
import type { TrendPanelsInput } from '../../src/charts/trend-panels.ts';
import type { Locale } from '../../src/lib/i18n.ts';

const point = (period: string, value: number | null, suppressed = false) => ({ period, value, suppressed });

/** A 55% target by the end of 2020, read before the deadline, with three phases and a suppressed period. */
export function progressBefore(locale: Locale): ProgressInput {
  return {
    locale,
    unit: 'rate',
    points: [
      point('2018-12-31', 0.341),
      point('2019-12-31', 0.365),
      point('2020-03-31', null, true),
      point('2020-06-30', 0.445),
    ],
    comparator: { type: 'at_least', value: 0.55 },
    accumulation: 'stock',
    baseline: { period: '2019-12-31', value: 0.365 },
    deadline: '2020-12-31',
    phases: [
      { start: '2020-02-01', end: '2020-03-31', label: locale === 'en' ? 'Drawing up the plan' : '制定方案阶段' },
      { start: '2020-04-01', end: '2020-10-31', label: locale === 'en' ? 'Full implementation' : '全面推进实施阶段' },
      { start: '2020-11-01', end: '2020-12-31', label: locale === 'en' ? 'Reviewing' : '总结经验阶段' },
    ],
    milestones: [],
    from: '2017-12-31',
    to: '2020-12-31',
    status: {
      period: '2020-06-30',
      status: 'at_risk',
      value: 0.445,
      gap: 10.5,
      judgedPeriod: '2020-06-30',
      judgedValue: 0.445,
      judgedGap: 10.5,
      expected: 0.457148,
      projected: 0.512,
    },
  };
}

/** Full coverage by 30 Nov 2018, missed at the deadline (52.3%, 2.7 points short of a 55% line in the issue's example). */
export function progressAfter(locale: Locale): ProgressInput {
  return {
    locale,
    unit: 'rate',
    points: [point('2018-09-30', 0.615), point('2018-11-30', 0.936), point('2019-12-31', 0.957), point('2020-12-31', 0.963)],
    comparator: { type: 'all' },
    accumulation: 'stock',
    baseline: { period: '2018-09-30', value: 0.615 },
    deadline: '2018-11-30',
    phases: [{ start: '2018-09-30', end: '2018-11-30', label: locale === 'en' ? 'Founding campaign' : '建会专项行动' }],
    milestones: [{ date: '2018-10-31', label: locale === 'en' ? 'Progress report' : '报送进展' }],
    from: '2016-09-30',
    to: '2020-12-31',
    status: {
      period: '2020-12-31',
      status: 'missed',
      value: 0.963,
      gap: 3.7,
      judgedPeriod: '2018-11-30',
      judgedValue: 0.936,
      judgedGap: 6.4,
      expected: null,
      projected: null,
    },
  };
}

/** The issue's own example: target 55%, 52.3% at the end of 2020, 2.7 points short. */
export function progressIssueExample(locale: Locale): ProgressInput {
  return {
    ...progressBefore(locale),
    points: [point('2019-12-31', 0.365), point('2020-12-31', 0.523)],
    phases: [],
    from: '2019-12-31',
    to: '2020-12-31',
    status: {
      period: '2020-12-31',
      status: 'missed',
      value: 0.523,
      gap: 2.7,
      judgedPeriod: '2020-12-31',
      judgedValue: 0.523,
      judgedGap: 2.7,
      expected: null,
      projected: null,
    },
  };
}

/** 10 to 20 service sites (counts), with no status yet. */
export function progressRange(locale: Locale): ProgressInput {
  return {
    locale,
    unit: 'count',
    points: [point('2019-12-31', 1), point('2020-06-30', 4), point('2020-12-31', 15)],
    comparator: { type: 'between', min: 10, max: 20 },
    accumulation: 'year',
    baseline: { period: '2019-12-31', value: 1 },
    deadline: '2020-12-31',
    phases: [],
    milestones: [],
    from: '2019-12-31',
    to: '2021-12-31',
    status: null,
  };
}

/** Five prefectures ranked against 55%, one suppressed, one highlighted. */
export function ranked(locale: Locale): RankedBarsInput {
  const zh = locale === 'zh-CN';
  return {
    locale,
    unit: 'rate',
    target: 0.55,
    measure: zh ? '农民工入会率' : 'Migrant-worker enrollment rate',
    when: zh ? '2020年12月31日' : '31 Dec 2020',
    rows: [
      { code: '640100', label: zh ? '银川市' : 'Yinchuan', value: 0.594, status: 'met' },
      { code: '640200', label: zh ? '石嘴山市' : 'Shizuishan', value: 0.468, status: 'missed' },
      { code: '640300', label: zh ? '吴忠市' : 'Wuzhong', value: 0.544, status: 'missed', highlight: true },
      { code: '640400', label: zh ? '固原市' : 'Guyuan', value: 0.562, status: 'met' },
      { code: '640500', label: zh ? '中卫市' : 'Zhongwei', value: null, status: 'suppressed' },
    ],
  };
}

/** Regions compared on two rates, with a long English name cut to fit. */
export function dots(locale: Locale): DotPlotInput {
  const zh = locale === 'zh-CN';
  return {
    locale,
    unit: 'rate',
    when: zh ? '2024年12月31日' : '31 Dec 2024',
    regions: [
      { code: '130102', label: zh ? '长安区' : "Chang'an District", highlight: true },
      { code: '130104', label: zh ? '桥西区' : 'Qiaoxi District' },
      { code: '130828', label: zh ? '围场满族蒙古族自治县' : 'Weichang Manchu and Mongol Autonomous County' },
      { code: '130109', label: zh ? '藁城区' : 'Gaocheng District' },
    ],
    series: [
      { key: 'coverage_all', label: zh ? '建会率' : 'Union coverage', values: new Map([['130102', 0.212], ['130104', 0.231], ['130828', 0.18], ['130109', null]]) },
      { key: 'member_rate', label: zh ? '职工入会率' : 'Member rate', values: new Map([['130102', 0.694], ['130104', 0.61], ['130828', null], ['130109', null]]) },
    ],
  };
}

/** Two small multiples, one with a comparison line and a target. */
export function panels(locale: Locale): TrendPanelsInput {
  const zh = locale === 'zh-CN';
  return {
    locale,
    from: '2012-12-31',
    to: '2024-12-31',
    panels: [
      {
        key: 'coverage_all',
        title: zh ? '建会率（全部企业）' : 'Union coverage, all enterprises',
        unit: 'rate',
        target: 0.3,
        points: [
          { period: '2012-12-31', value: 0.116 },
          { period: '2018-12-31', value: null },
          { period: '2024-12-31', value: 0.212 },
        ],
        compare: {
          label: zh ? '石家庄市' : 'Shijiazhuang',
          points: [
            { period: '2012-12-31', value: 0.188 },
            { period: '2024-12-31', value: 0.205 },
          ],
        },
      },
      {
        key: 'new_members',
        title: zh ? '新入会会员' : 'New members',
        unit: 'count',
        points: [
          { period: '2012-12-31', value: 1200 },
          { period: '2024-12-31', value: 23_456 },
        ],
      },
    ],
  };
}

/** A sparkline with a target and a deadline. */
export const spark: SparklineInput = {
  unit: 'rate',
  points: [
    { period: '2018-12-31', value: 0.341 },
    { period: '2019-12-31', value: 0.365 },
    { period: '2020-12-31', value: 0.538 },
    { period: '2021-12-31', value: 0.544 },
  ],
  target: 0.55,
  deadline: '2020-12-31',
  from: '2018-12-31',
  to: '2021-12-31',
};

/** Two yearly series ending close together (their end labels must not overlap), with a gap of years in one. */
export function yearLines(locale: Locale): YearLinesInput {
  const pct = (v: number) => `${String(v)}%`;
  return {
    locale,
    unit: 'rate',
    series: [
      { key: 'density', label: locale === 'en' ? 'Union density' : '工会入会率', points: [[2008, 30.4], [2012, 41.16], [2017, 44.25]].map(([year, v]) => ({ year: year!, value: v! / 100, text: pct(v!) })) },
      { key: 'coverage', label: locale === 'en' ? 'Bargaining coverage' : '集体合同覆盖率', points: [[2000, 18.1], [2006, 16.1], [2013, 42.5], [2017, 45]].map(([year, v]) => ({ year: year!, value: v! / 100, text: pct(v!) })) },
    ],
  };
}
