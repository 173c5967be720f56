/** `replbench compare` refuses results written under another schema version (exit 2, naming both versions). */
import { describe, expect, it } from 'vitest';
import { RESULTS_SCHEMA } from '../reports/schema.js';
import { resultsOf } from './support/report-fixture.js';
import { runCommand, writeResultsDir } from './support/commands.js';

describe('replbench compare', () => {
  it('rejects an incompatible schema version with exit code 2', async () => {
    const results = await resultsOf();
    const base = writeResultsDir(results);
    const head = writeResultsDir({ ...results, schema: 'replbench/results@999' });
    const r = await runCommand(['compare', base, head]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('HEAD results.json: schema: incompatible results schema version "replbench/results@999"');
    expect(r.stderr).toContain(RESULTS_SCHEMA);
  });
});
