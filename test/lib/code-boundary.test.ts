/**
 * The boundary between code shared with the browser (src/lib, src/charts, src/explorer) and
 * code that reads files at build time (src/site, pages, scripts), as the lint rule enforces it.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const errors = async (filePath: string, code: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);

describe('the shared-code boundary', () => {
  it('refuses Node APIs, native DuckDB and build code in code the browser shares', async () => {
    for (const file of ['src/lib/probe.ts', 'src/charts/probe.ts', 'src/explorer/probe.ts']) {
      expect(await errors(file, "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"), file).toHaveLength(1);
      expect(await errors(file, "import { join } from 'path';\nexport const f = join;\n"), file).toHaveLength(1);
      expect(await errors(file, "import { DuckDBInstance } from '@duckdb/node-api';\nexport const f = DuckDBInstance;\n"), file).toHaveLength(1);
    }
  }, 60_000);

  it('keeps src/lib below the charts and the build-time site code', async () => {
    expect(await errors('src/lib/probe.ts', "import { COLORS } from '../charts/common.ts';\nexport const c = COLORS;\n")).toHaveLength(1);
    expect(await errors('src/lib/probe.ts', "import { loadPublished } from '../site/site-published.ts';\nexport const c = loadPublished;\n")).toHaveLength(1);
    expect(await errors('src/charts/probe.ts', "import { loadPublished } from '../site/site-published.ts';\nexport const c = loadPublished;\n")).toHaveLength(1);
    expect(await errors('src/charts/probe.ts', "import { formatValue } from '../lib/format.ts';\nexport const c = formatValue;\n")).toEqual([]);
    expect(await errors('src/explorer/probe.ts', "import { COLORS } from '../charts/common.ts';\nexport const c = COLORS;\n")).toEqual([]);
  }, 60_000);

  it('keeps the site off the dev tools, the build off the tests, and the dev tools on their own', async () => {
    expect(await errors('src/site/probe.ts', "import { startStaticServer } from '../../tools/static-server.ts';\nexport const f = startStaticServer;\n")).toHaveLength(1);
    expect(await errors('scripts/probe.ts', "import { x } from '../test/helpers/query.ts';\nexport const f = x;\n")).toHaveLength(1);
    expect(await errors('scripts/probe.ts', "import { startStaticServer } from '../tools/static-server.ts';\nexport const f = startStaticServer;\n")).toEqual([]);
    expect(await errors('tools/probe.ts', "import { t } from '../src/lib/i18n.ts';\nexport const f = t;\n")).toHaveLength(1);
    expect(await errors('test/e2e/probe.ts', "import { startStaticServer } from '../../tools/static-server.ts';\nexport const f = startStaticServer;\n")).toEqual([]);
  }, 60_000);

  it('lets the build-time site loaders read files', async () => {
    expect(await errors('src/site/probe.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n")).toEqual([]);
  }, 60_000);
});
