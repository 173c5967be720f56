/** `replbench compare` with a folder that has no results.json, or a path that does not exist: a clear message and exit code 2. */
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/cli.js';
import { runCommand } from './support/commands.js';

describe('replbench compare', () => {
  it('rejects a missing results file with exit code 2', async () => {
    const empty = tempDir();
    const r = await runCommand(['compare', empty, `${empty}/nope`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid input');
    expect(r.stderr).toContain(`BASE: no results.json in ${empty}`);
    expect(r.stdout).toBe('');
  });
});
