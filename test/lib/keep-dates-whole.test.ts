import { describe, expect, it } from 'vitest';
import { keepDatesWhole, wrapDates } from '../../src/lib/keep-dates-whole.ts';

const whole = (s: string) => `<span class="nowrap">${s}</span>`;

describe('keepDatesWhole', () => {
  it('wraps the dates and 万/亿 numbers the site writes', () => {
    expect(wrapDates('到期时（2020年12月31日）为53.8%')).toBe(`到期时（${whole('2020年12月31日')}）为53.8%`);
    expect(wrapDates('2020年2月1日至2020年3月31日')).toBe(`${whole('2020年2月1日')}至${whole('2020年3月31日')}`);
    expect(wrapDates('2018年底、2019年9月')).toBe(`${whole('2018年底')}、${whole('2019年9月')}`);
    expect(wrapDates('at 31 Dec 2020, Sep 2018 and end-2024')).toBe(`at ${whole('31 Dec 2020')}, ${whole('Sep 2018')} and ${whole('end-2024')}`);
    expect(wrapDates('共71.3万行、2亿人、1,234万')).toBe(`共${whole('71.3万')}行、${whole('2亿')}人、${whole('1,234万')}`);
    expect(wrapDates('712,796 rows; 53.8%')).toBe('712,796 rows; 53.8%');
  });

  it('changes only the text of the page', () => {
    const html =
      '<!doctype html><html><head><title>2020年12月31日</title><meta name="description" content="2020年12月31日"></head>' +
      '<body><p title="31 Dec 2020">31 Dec 2020</p><script>const a = "2020年12月31日"; if (a < b) {}</script>' +
      '<style>p::after { content: "2020年12月31日" }</style><svg><text>2020年12月31日</text></svg>' +
      '<select><option>2020年12月31日</option></select><pre><code>-- 2020年12月31日</code></pre>' +
      '<!-- 2020年12月31日 --><p>end-2024<br/>2024年12月31日</p></body></html>';
    expect(keepDatesWhole(html)).toBe(
      html
        .replace('<p title="31 Dec 2020">31 Dec 2020</p>', `<p title="31 Dec 2020">${whole('31 Dec 2020')}</p>`)
        .replace('<p>end-2024<br/>2024年12月31日</p>', `<p>${whole('end-2024')}<br/>${whole('2024年12月31日')}</p>`),
    );
  });
});
