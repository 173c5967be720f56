/**
 * `caseMemory` bounds what a case holds outside the JS heap too: a strategy keeping 300 MB in a
 * typed array (which the worker's heap limit does not see) is recorded as failed at
 * `caseMemory: 256`, naming the buffers; the same strategy keeping 32 MB runs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replbench, tempDir } from './helpers/cli.js';

const strategy = (mb: number) => `export default {
  name: 'hoarder',
  description: 'keeps a large typed array',
  create(ctx) {
    const hoard = ctx.node === 0 ? new Uint8Array(${mb} * 1024 * 1024).fill(1) : null;
    return {
      onClientRequest(req) {
        if (hoard) ctx.count('held', hoard[req.key % hoard.length] === 1 ? 0 : 1);
        if (req.op === 'read') return ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
        ctx.store.create(req);
        ctx.reply(req, { status: 'ok' });
      },
      onMessage() {},
      onTimer() {},
    };
  },
};
`;

function run(mb: number): { code: number | null; status: string; message?: string } {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'out'));
  writeFileSync(path.join(dir, 'hoarder.mjs'), strategy(mb));
  writeFileSync(path.join(dir, 'suite.yaml'), `name: hoard\nduration: 1s\ncaseMemory: 256\ncluster: { nodes: 3, partitions: 1, replicationFactor: 3 }\nworkload: { records: 10, clients: { model: closed, count: 1, thinkTime: 1ms } }\nstrategy: { path: ./hoarder.mjs }\n`);
  const r = replbench(['run', path.join(dir, 'suite.yaml'), '--out', path.join(dir, 'out'), '--quiet', '--reporter', 'csv']);
  const doc = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as { cases: { status: string; error?: { message: string } }[] };
  return { code: r.code, status: doc.cases[0]!.status, ...(doc.cases[0]!.error ? { message: doc.cases[0]!.error.message } : {}) };
}

describe('caseMemory', () => {
  it('counts typed arrays and buffers, not only the heap', () => {
    const big = run(300);
    expect(big.code).toBe(1);
    expect(big.status).toBe('failed');
    expect(big.message).toMatch(/exceeded caseMemory \(256 MB\).*buffers and typed arrays 3\d\d MB/);
    const small = run(32);
    expect(small.code).toBe(0);
    expect(small.status).toBe('ok');
  });
});
