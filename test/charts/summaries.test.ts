/**
 * The text summaries of the charts, in both languages: generated from the same data as the
 * chart, they are its accessible description and the text shown under it.
 */
import { describe, expect, it } from 'vitest';
import { dotPlotSummary } from '../../src/charts/dot-plot.ts';
import { progressSummary } from '../../src/charts/progress.ts';
import { rankedBarsSummary } from '../../src/charts/ranked-bars.ts';
import { trendPanelsSummary } from '../../src/charts/trend-panels.ts';
import * as fx from './fixtures.ts';

describe('progress summary', () => {
  it("says the issue's example in both languages", () => {
    expect(progressSummary(fx.progressIssueExample('zh-CN'))).toBe(
      '目标55%，期限2020年12月31日。到期时（2020年12月31日）为52.3%，差2.7个百分点：未达成。',
    );
    expect(progressSummary(fx.progressIssueExample('en'))).toBe(
      'Target 55% by 31 Dec 2020. 52.3% at the deadline (31 Dec 2020), 2.7 percentage points short: missed.',
    );
  });

  it('before the deadline: value, gap, status, the straight path and the projection', () => {
    expect(progressSummary(fx.progressBefore('zh-CN'))).toBe(
      '目标55%，期限2020年12月31日。2020年6月30日为44.5%，差10.5个百分点：存在风险。按直线路径，此时应达到45.7%。按近期趋势，到期时约为51.2%。',
    );
    expect(progressSummary(fx.progressBefore('en'))).toBe(
      'Target 55% by 31 Dec 2020. 44.5% at 30 Jun 2020, 10.5 percentage points short: at risk. The straight path expects 45.7% by then. At the recent trend, about 51.2% at the deadline.',
    );
  });

  it('after the deadline: the verdict on the value at the deadline, and a later value labelled as such', () => {
    expect(progressSummary(fx.progressAfter('en'))).toBe(
      'Target 100% by 30 Nov 2018. 93.6% at the deadline (30 Nov 2018), 6.4 percentage points short: missed. After the deadline, 31 Dec 2020: 96.3%; the status is judged on the value at the deadline.',
    );
    expect(progressSummary(fx.progressAfter('zh-CN'))).toBe(
      '目标100%，期限2018年11月30日。到期时（2018年11月30日）为93.6%，差6.4个百分点：未达成。期限之后，2020年12月31日为96.3%；状态按到期时的数值判定。',
    );
  });

  it('a range of counts within the year says its path starts from 0', () => {
    expect(progressSummary(fx.progressRange('zh-CN'))).toBe('目标10至20，期限2020年12月31日。该数量每年重新计数：直线路径从2020年1月1日的0开始。');
  });
});

describe('ranking and comparison summaries', () => {
  it('name the highest and lowest, how many reach the target, and what is left out', () => {
    expect(rankedBarsSummary(fx.ranked('zh-CN'))).toBe(
      '农民工入会率（2020年12月31日）：最高为银川市（59.4%），最低为石嘴山市（46.8%）。4个地区中2个达到目标55%。另有1个地区的数值不予公布或没有数据，未列入图中。',
    );
    expect(rankedBarsSummary(fx.ranked('en'))).toBe(
      'Migrant-worker enrollment rate (31 Dec 2020): highest in Yinchuan (59.4%), lowest in Shizuishan (46.8%). 2 of 4 regions reach the target of 55%. 1 more region has no published value and is left out of the chart.',
    );
  });

  it('say each measure and the highlighted region', () => {
    expect(dotPlotSummary(fx.dots('en'))).toBe(
      "Union coverage (31 Dec 2024): highest in Qiaoxi District (23.1%), lowest in Weichang Manchu and Mongol Autonomous County (18%). Member rate (31 Dec 2024): highest in Chang'an District (69.4%), lowest in Qiaoxi District (61%). This region: Union coverage 21.2%, Member rate 69.4%.",
    );
  });

  it('small multiples: first and last value and the comparison', () => {
    expect(trendPanelsSummary(fx.panels('zh-CN'))).toBe(
      '建会率（全部企业）：2012年12月31日为11.6%，2024年12月31日为21.2%。同期石家庄市为20.5%。新入会会员：2012年12月31日为1,200，2024年12月31日为23,456。',
    );
  });
});
