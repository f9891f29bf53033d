import { DuckDBScalarFunction, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';

interface WritableVarChar {
  setItem(index: number, value: string | null): void;
  flush(): void;
}

/**
 * Registers `nfkc(VARCHAR)` on a connection: Unicode NFKC normalization, which turns the
 * full-width digits, letters and punctuation an office types in Excel (１２０，３４５) and the
 * ideographic space into their plain forms. DuckDB has only NFC built in. Used by the general
 * path, on the few rows the fast path flags, so the cost of calling JavaScript does not matter.
 */
export function registerNfkc(connection: DuckDBConnection): void {
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: 'nfkc',
      returnType: VARCHAR,
      parameterTypes: [VARCHAR],
      mainFunction: (_info, input, output) => {
        const out = output as unknown as WritableVarChar;
        input.getColumnValues(0).forEach((value, i) => out.setItem(i, value === null ? null : String(value).normalize('NFKC')));
        out.flush();
      },
    }),
  );
}
