import { describe, expect, it } from 'vitest';
import { counterContent, cssString, printPageCss } from '../../src/lib/print-page-css.ts';

describe('print page css', () => {
  it('writes CSS strings that no text can break out of', () => {
    expect(cssString('演示数据（合成）')).toBe('"演示数据（合成）"');
    expect(cssString('a "quoted" \\ word')).toBe('"a \\"quoted\\" \\\\ word"');
    expect(cssString('two\nlines')).toBe('"two\\a lines"');
  });

  it('turns {page} and {pages} into the page counters', () => {
    expect(counterContent('第 {page} 页，共 {pages} 页')).toBe('"第 " counter(page) " 页，共 " counter(pages) " 页"');
    expect(counterContent('Page {page} of {pages}')).toBe('"Page " counter(page) " of " counter(pages)');
    expect(() => counterContent('{page} / {total}')).toThrow(/unknown placeholder \{total\}/);
  });

  it('puts the banner in the top margin only when there is one, and the origin before printed links', () => {
    const base = { foot: 'Site · Data as of 31 Dec 2024', pageNumber: 'Page {page} of {pages}', origin: '' };
    const demo = printPageCss({ ...base, banner: 'Synthetic demo data' });
    expect(demo).toContain('@top-center {\n      content: "Synthetic demo data";');
    expect(demo).toContain('content: "Site · Data as of 31 Dec 2024";');
    expect(demo).toContain('content: "Page " counter(page) " of " counter(pages);');
    expect(demo).toContain('content: " <" attr(href) ">";');
    const real = printPageCss({ ...base, banner: null, origin: 'https://example.org' });
    expect(real).not.toContain('@top-center');
    expect(real).toContain('content: " <" "https://example.org" attr(href) ">";');
  });
});
