/**
 * The decoder the form importer and the ingest use for GB18030 (Excel's "CSV" on Chinese
 * Windows) is Node's own TextDecoder (the WHATWG Encoding Standard). Compared here, code by
 * code, with iconv-lite, which the project used before and which the tests still use to
 * encode fixtures: the same text for every two-byte code but 18, and the differences are
 * where the Encoding Standard follows GB18030-2022 and iconv-lite the 2005 edition.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

const hex = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')).join(' ');

describe('GB18030 decoding', () => {
  it('reads every two-byte code as iconv-lite does, except the 18 that GB18030-2022 moved out of the private use area', () => {
    const decoder = new TextDecoder('gb18030');
    const differ: string[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead += 1) {
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([lead, trail]);
        const ours = decoder.decode(bytes);
        if (ours !== iconv.decode(bytes, 'gb18030')) differ.push(`${bytes.toString('hex')}→${hex(ours)}`);
      }
    }
    // A6D9–A6F3: the vertical presentation forms U+FE10–FE19; FE59–FEA0: the CJK ideographs U+9FB4–9FBB.
    expect(differ).toHaveLength(18);
    expect(differ).toContain('a6d9→FE10');
    expect(differ).toContain('fe59→9FB4');
    expect(differ.every((d) => /→(FE1[0-9]|9FB[4-9AB])$/.test(d))).toBe(true);
  });

  it('reads the four-byte codes of the supplementary planes as iconv-lite does, and refuses the unassigned ones iconv-lite reads as characters', () => {
    const decoder = new TextDecoder('gb18030', { fatal: true });
    for (const code of ['9030 8130', '9531 8239', 'e332 9a35']) {
      const bytes = Buffer.from(code.replace(' ', ''), 'hex');
      expect(decoder.decode(bytes), code).toBe(iconv.decode(bytes, 'gb18030'));
    }
    // 84 31 A5 30 lies past the last code of the BMP range (84 31 A4 39) and before the supplementary planes (90 30 81 30).
    expect(iconv.decode(Buffer.from('8431a530', 'hex'), 'gb18030')).toBe('\u{10000}');
    expect(() => decoder.decode(Buffer.from('8431a530', 'hex'))).toThrow(TypeError);
  });
});
