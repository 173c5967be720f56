/**
 * Temporary files of interrupted writes (`<file>.tmp-<pid>`, write probes) are removed by the next
 * command that writes into the folder, when their process is no longer running; a running
 * process's temporary files are left alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareOutputDir } from '../harness/output.js';
import { replbench, suiteFile, tempDir } from './helpers/cli.js';

/** The id of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
afterAll(() => void sleeper.kill());

describe('stale temporary files', () => {
  it('are removed from the folder and charts/ when their process has exited; a live process keeps its own', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'charts'));
    const dead = deadPid();
    const live = sleeper.pid!;
    const stale = [`results.json.tmp-${dead}`, `index.html.tmp-${dead}`, `.replbench-write-test-${dead}`, path.join('charts', `throughput.svg.tmp-${dead}`)];
    const kept = [`results.csv.tmp-${live}`, 'results.json', 'notes.tmp', 'results.json.tmp-x', path.join('charts', 'throughput.svg')];
    for (const f of [...stale, ...kept]) writeFileSync(path.join(dir, f), 'x');
    await prepareOutputDir(dir);
    for (const f of stale) expect(existsSync(path.join(dir, f)), f).toBe(false);
    for (const f of kept) expect(existsSync(path.join(dir, f)), f).toBe(true);
  });

  it('are removed by the next run into the folder', () => {
    const file = suiteFile('name: tmp-cleanup\nduration: 200ms\n');
    const out = path.join(path.dirname(file), 'out');
    expect(replbench(['run', file, '--out', out, '--quiet']).code).toBe(0);
    const leftover = `results.json.tmp-${deadPid()}`;
    writeFileSync(path.join(out, leftover), '{"half": ');
    expect(replbench(['run', file, '--out', out, '--quiet']).code).toBe(0);
    expect(readdirSync(out)).not.toContain(leftover);
    expect(readdirSync(out).filter((f) => /\.tmp-\d+$/.test(f))).toEqual([]);
  });
});
