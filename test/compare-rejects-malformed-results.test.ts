/** `replbench compare` rejects a results.json that is not JSON, or lacks the fields it compares (exit 2, with the path). */
import { describe, expect, it } from 'vitest';
import { resultsOf } from './support/report-fixture.js';
import { runCommand, writeResultsDir } from './support/commands.js';

describe('replbench compare', () => {
  it('rejects malformed results with exit code 2', async () => {
    const results = await resultsOf();
    const good = writeResultsDir(results);
    const notJson = await runCommand(['compare', writeResultsDir('{"schema": "replbench/results@1", '), good]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('BASE results.json: not valid JSON');
    const broken = JSON.parse(JSON.stringify(results));
    delete broken.cases[1].metrics.ops.write.latency;
    const missing = await runCommand(['compare', good, writeResultsDir(broken)]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('HEAD results.json: cases[1].metrics.ops.write.latency');
  });
});
