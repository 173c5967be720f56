/** Killing the process (SIGKILL) while results are written leaves the previous or the new file, never a truncated one. */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.js';

describe('atomic result files', () => {
  it('a writer killed at random moments never leaves a truncated results.json', async () => {
    const dir = tempDir();
    const output = pathToFileURL(path.join(ROOT, 'dist', 'harness', 'output.js')).href;
    // A child that rewrites a ~4 MB results.json in a loop, each version self-checking (the
    // last field is its length); we kill it with SIGKILL after a varying delay, 12 times.
    const script = `
      const { writeAtomic } = await import(${JSON.stringify(output)});
      const dir = ${JSON.stringify(dir)};
      for (let v = 0; ; v++) {
        const body = JSON.stringify({ version: v, filler: 'x'.repeat(4_000_000 + v) });
        await writeAtomic(dir, 'results.json', body);
        process.stdout.write('w');
      }`;
    for (let i = 0; i < 12; i++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, 5 + ((i * 37) % 60)));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      const doc = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as { version: number; filler: string };
      expect(doc.filler.length).toBe(4_000_000 + doc.version);
    }
    // Temporary files may be left behind by a kill, but only under their own names.
    expect(readdirSync(dir).filter((f) => f === 'results.json')).toHaveLength(1);
  });
});
