/**
 * The compile-hint plugin (scripts/site/compile-hint-plugin.ts): the explorer's chunk, and
 * only it, starts with V8's `//# allFunctionsCalledOnLoad`, once, above the line Vite adds.
 */
import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, compileHintPlugin, wantsCompileHint, withCompileHint } from '../../scripts/site/compile-hint-plugin.ts';

describe('compile hint', () => {
  it('is wanted for the explorer’s module only, whatever the path separators', () => {
    expect(wantsCompileHint('/work/site/src/explorer/app.ts')).toBe(true);
    expect(wantsCompileHint('C:\\site\\src\\explorer\\app.ts')).toBe(true);
    expect(wantsCompileHint('/work/site/src/explorer/boot.ts')).toBe(false);
    expect(wantsCompileHint('/work/site/src/explorer/app.ts?worker')).toBe(false);
    expect(wantsCompileHint(null)).toBe(false);
  });

  it('puts the hint on the first line, once', () => {
    const code = 'const __vite__mapDeps=1;\nexport{a};';
    expect(withCompileHint(code)).toBe(`${COMPILE_HINT}\n${code}`);
    expect(withCompileHint(withCompileHint(code))).toBe(`${COMPILE_HINT}\n${code}`);
  });

  it('marks the explorer’s chunk in a bundle and leaves the others and the assets alone', () => {
    const bundle = {
      'app.js': { type: 'chunk' as const, facadeModuleId: '/p/src/explorer/app.ts', code: 'app();' },
      'boot.js': { type: 'chunk' as const, facadeModuleId: '/p/src/explorer/boot.ts', code: 'boot();' },
      'shared.js': { type: 'chunk' as const, facadeModuleId: null, code: 'shared();' },
      'style.css': { type: 'asset' as const },
    };
    compileHintPlugin().generateBundle.handler({}, bundle);
    expect(bundle['app.js'].code).toBe(`${COMPILE_HINT}\napp();`);
    expect(bundle['boot.js'].code).toBe('boot();');
    expect(bundle['shared.js'].code).toBe('shared();');
  });
});
