/** `replbench report` on a folder without results.json, or with one of another schema: a clear message, exit 2, nothing written. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/cli.js';
import { runCommand, writeResultsDir } from './support/commands.js';

describe('replbench report', () => {
  it('rejects missing or incompatible results with exit code 2', async () => {
    const empty = tempDir();
    const missing = await runCommand(['report', empty]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('DIR: no results.json in');
    const other = writeResultsDir({ schema: 'something-else/1', cases: [] });
    const wrong = await runCommand(['report', other]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('not a replbench results file');
    expect(existsSync(path.join(other, 'index.html'))).toBe(false);
    const reporter = await runCommand(['report', other, '--reporter', 'html,pdf']);
    expect(reporter.code).toBe(2);
    expect(reporter.stderr).toContain('--reporter: unknown reporter "pdf"');
  });
});
