/**
 * A Vite plugin that marks the explorer's code for eager compilation: the chunk of
 * src/explorer/app.ts (the explorer and Observable Plot) starts with V8's explicit compile
 * hint, the magic comment `//# allFunctionsCalledOnLoad` (Chrome 136+; other engines read
 * a comment). Nearly all of that chunk runs to draw the first views, and without the hint
 * V8 compiles each function on the main thread when it is first called; with it, V8
 * compiles the whole file on a background thread while it downloads. On the emulated
 * first visit of scripts/bench-explorer.ts this took main-thread compilation during the
 * first answer from about 210 ms to 16 ms (CPU 4x slower; see docs/benchmarks.md).
 */

/** The comment, as V8 reads it: the first line of the file. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The modules whose chunks get the hint (path endings). */
const EAGER_ENTRIES = ['/src/explorer/app.ts'] as const;

/** The part of a Rollup output chunk this plugin reads and writes. */
interface OutputChunk {
  readonly type: 'chunk';
  readonly facadeModuleId: string | null;
  code: string;
}

/** A minimal Vite plugin shape (the project does not depend on Vite's types directly). */
export interface CompileHintPlugin {
  readonly name: string;
  readonly apply: 'build';
  readonly generateBundle: { readonly order: 'post'; handler(options: unknown, bundle: Record<string, OutputChunk | { readonly type: 'asset' }>): void };
}

/** Whether a chunk is one the hint is for. */
export function wantsCompileHint(facadeModuleId: string | null): boolean {
  const id = (facadeModuleId ?? '').replaceAll('\\', '/');
  return EAGER_ENTRIES.some((entry) => id.endsWith(entry));
}

/** `code` with the hint as its first line (once). */
export function withCompileHint(code: string): string {
  return code.startsWith(COMPILE_HINT) ? code : `${COMPILE_HINT}\n${code}`;
}

/**
 * The plugin. It runs after every other plugin has written the chunks (Vite adds a line of
 * its own at the top of a chunk that loads others), so the hint stays the first line.
 */
export function compileHintPlugin(): CompileHintPlugin {
  return {
    name: 'site:compile-hint',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && wantsCompileHint(chunk.facadeModuleId)) chunk.code = withCompileHint(chunk.code);
        }
      },
    },
  };
}
