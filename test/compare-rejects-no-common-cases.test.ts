/** `replbench compare` of two result sets with no configuration in common: exit 2 and say so (nothing to compare is not a pass). */
import { describe, expect, it } from 'vitest';
import { SMALL_SUITE, resultsOf } from './support/report-fixture.js';
import { runCommand, writeResultsDir } from './support/commands.js';

describe('replbench compare', () => {
  it('rejects result sets without common cases with exit code 2', async () => {
    const base = writeResultsDir(await resultsOf());
    const head = writeResultsDir(await resultsOf({ ...SMALL_SUITE, cluster: { nodes: 4, partitions: 1, replicationFactor: 3 } }));
    const r = await runCommand(['compare', base, head]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no common cases');
  });
});
