/**
 * Crash isolation: a case that throws, one that exceeds its memory limit, one that hangs past its
 * timeout and one that calls process.exit(0) while running are each recorded; the rest of the
 * suite completes; the exit code is 1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, replbench, suiteFile } from './helpers/cli.js';

const fixture = path.join(ROOT, 'test', 'fixtures', 'misbehaving-strategy.js');

describe('a failing case does not stop the suite', () => {
  it('records throw / out-of-memory / timeout and completes the other cases', () => {
    const file = suiteFile(`name: isolation
duration: 200ms
caseTimeout: 3s
caseMemory: 64
cluster: { nodes: 1, replicationFactor: 1 }
network: { clientToNode: 100us }
workload: { records: 10, clients: { model: closed, count: 1 } }
matrix:
  strategy:
    - async
    - { path: ${JSON.stringify(fixture)}, mode: throw }
    - { path: ${JSON.stringify(fixture)}, mode: oom }
    - { path: ${JSON.stringify(fixture)}, mode: hang }
    - { path: ${JSON.stringify(fixture)}, mode: exit }
    - sync
`);
    const out = path.join(path.dirname(file), 'out');
    const r = replbench(['run', file, '--out', out, '--workers', '2']);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { status: string; cases: { name: string; status: string; error?: { message: string } }[] };
    expect(doc.status).toBe('complete');
    const byName = Object.fromEntries(doc.cases.map((c) => [c.name, c]));
    expect(doc.cases).toHaveLength(6);
    expect(byName['async']!.status).toBe('ok');
    expect(byName['sync']!.status).toBe('ok');
    expect(byName['misbehaving(mode=throw)']!.status).toBe('failed');
    expect(byName['misbehaving(mode=throw)']!.error!.message).toContain('strategy exploded on purpose');
    expect(byName['misbehaving(mode=oom)']!.status).toBe('failed');
    expect(byName['misbehaving(mode=oom)']!.error!.message).toMatch(/memory/i);
    expect(byName['misbehaving(mode=hang)']!.status).toBe('timed-out');
    expect(byName['misbehaving(mode=exit)']!.status).toBe('failed');
    expect(byName['misbehaving(mode=exit)']!.error!.message).toContain('worker exited with code: 0');
    // Each failure printed its case id and a replay command.
    expect(r.stderr).toMatch(/FAILED: misbehaving\(mode=throw\) \(case [0-9a-f]{12}, seed \d+\)/);
    expect(r.stderr).toContain('replay: replbench run');
    // The journal holds every case too.
    const journal = readFileSync(path.join(out, 'journal.jsonl'), 'utf8').trim().split('\n');
    expect(journal).toHaveLength(7);
  });
});
