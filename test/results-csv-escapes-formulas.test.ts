/**
 * results.csv: a case named like a spreadsheet formula is written inert (csv-stringify's
 * escape_formulas prefixes a quote), while numeric cells stay plain numbers.
 */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../reports/csv.js';
import { parseCsv as parse } from './support/csv.js';
import { resultsOf } from './support/report-fixture.js';

describe('results.csv', () => {
  it('makes formula-like names inert and keeps numbers numeric', async () => {
    const formula = '=HYPERLINK("http://evil.example","click")';
    const results = await resultsOf(undefined, (name, i) => (i === 0 ? formula : i === 1 ? '+1+2' : i === 2 ? '@SUM(A1)' : name));
    const csv = toCsv(results.cases);
    const { rows, quoted } = parse(csv);
    expect(rows[0]!.name).toBe(`'${formula}`);
    expect(rows[1]!.name).toBe("'+1+2");
    expect(rows[2]!.name).toBe("'@SUM(A1)");
    // Numbers are written bare: digits only, never quoted or prefixed, so a spreadsheet reads them as numbers.
    rows.forEach((r, i) => {
      for (const col of ['throughput_ops_s', 'write_p99_us', 'read_p50_us', 'stale_read_fraction', 'seed', 'write_count']) {
        expect(r[col], col).toMatch(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/);
        expect(quoted.has(`${i}:${col}`), col).toBe(false);
      }
    });
  });
});
