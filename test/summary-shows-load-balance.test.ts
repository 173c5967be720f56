/** The summary (summary.md and index.html) shows load balance and resize cost per partitioning scheme. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replbench, suiteFile } from './helpers/cli.js';

describe('load balance in the summary', () => {
  it('lists each scheme with its spread, hottest partition and keys moved on resize', () => {
    const file = suiteFile(`name: load
duration: 300ms
cluster: { nodes: 10, partitions: 10, replicationFactor: 3 }
network: { clientToNode: 100us }
workload: { records: 20000, clients: { model: closed, count: 8 } }
matrix:
  partitioning: [hash-mod, jump]
`);
    const out = path.join(path.dirname(file), 'out');
    const r = replbench(['run', file, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(md).toContain('## Load balance and resize cost');
    const loadSection = md.slice(md.indexOf('## Load balance and resize cost'));
    const row = (scheme: string) => loadSection.split('\n').find((l) => l.startsWith(`| async partitioning=${scheme} |`))!;
    // Naive mod-N moves about 10/11 of the keys from 10 to 11 nodes, jump about 1/11 (20,000 keys: ±1 pp).
    const grow = (line: string) => Number(line.split('|')[8]!.trim().replace('%', ''));
    expect(grow(row('hash-mod'))).toBeGreaterThan(89.9);
    expect(grow(row('jump'))).toBeLessThan(10.1);
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html).toContain('Load balance and resize cost');
  });
});
