/**
 * `replbench compare` of two result sets with no configuration in common: exit 2 (nothing to
 * compare is not a pass), naming the fields in which the closest configurations differ and
 * offering `--match name`; with `--match name` the cases are paired by name and the output says
 * which configuration fields differ.
 */
import { describe, expect, it } from 'vitest';
import { SMALL_SUITE, resultsOf } from './support/report-fixture.js';
import { runCommand, writeResultsDir } from './support/commands.js';

describe('replbench compare', () => {
  it('rejects result sets without common cases with exit code 2, naming the differing fields', async () => {
    const base = writeResultsDir(await resultsOf());
    const head = writeResultsDir(await resultsOf({ ...SMALL_SUITE, network: { nodeToNode: { dist: 'exponential', mean: '1.1ms' }, clientToNode: '100us' } }));
    const r = await runCommand(['compare', base, head]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no common cases');
    expect(r.stderr).toContain('the closest configurations differ in network.nodeToNode.mean: 1000 → 1100');
    expect(r.stderr).toContain('--match name');

    const byName = await runCommand(['compare', base, head, '--match', 'name', '--fail-on', 'never']);
    expect(byName.code, byName.stderr).toBe(0);
    expect(byName.stdout).toMatch(/^compared 6 configurations paired by name/);
    expect(byName.stdout).toContain('paired by name although the configurations differ: network.nodeToNode.mean: 1000 → 1100');

    const noNames = writeResultsDir(await resultsOf(undefined, (name) => `renamed ${name}`));
    const none = await runCommand(['compare', base, noNames, '--match', 'name']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('none of the 6 base case names is a head case name');
  });
});
