/**
 * A user's strategy module is loaded in an isolated worker with a time limit, for `validate` as
 * for `run`: a module that calls process.exit(0), throws or loops at its top level is a clear
 * input error (exit 2, nothing written), never a silent exit 0. The worker also runs the module's
 * parameter checks and records a content hash of every file the module loaded.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';
import { InputError } from '../harness/config/errors.js';
import { replbench, tempDir } from './helpers/cli.js';

const SUITE = (file: string, extra = '') => `name: loading
duration: 200ms
cluster: { nodes: 1, replicationFactor: 1 }
network: { clientToNode: 100us }
workload: { records: 10, clients: { model: closed, count: 1 } }
strategy: { path: ./${file}${extra} }
`;

const OK_BODY = `export default {
  name: 'echo',
  description: 'answers from the local store',
  create(ctx) {
    return {
      onClientRequest(req) {
        if (req.op === 'read') return ctx.reply(req, { status: 'ok', version: ctx.store.read(req.key) });
        const e = ctx.store.write(req.key, req.size);
        ctx.reply(req, { status: 'ok', version: e.version, index: e.index });
      },
      onMessage() {},
      onTimer() {},
    };
  },
};`;

/** A folder with `strategy.js` (its source given) and suite.yaml using it. */
function project(source: string, extra = ''): string {
  const dir = tempDir('replbench-strategy-');
  writeFileSync(path.join(dir, 'strategy.js'), source);
  writeFileSync(path.join(dir, 'suite.yaml'), SUITE('strategy.js', extra));
  return dir;
}

describe('loading a strategy module', () => {
  it('process.exit(0) at its top level: validate and run exit 2 and write nothing', () => {
    const dir = project(`process.exit(0);\n${OK_BODY}`);
    const v = replbench(['validate', path.join(dir, 'suite.yaml')]);
    expect(v.code, v.stderr).toBe(2);
    expect(v.stderr).toMatch(/strategy\.path: strategy file .*strategy\.js ended the process while loading \(process\.exit\(0\)/);
    const out = path.join(dir, 'out');
    const r = replbench(['run', path.join(dir, 'suite.yaml'), '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('ended the process while loading');
    expect(existsSync(out)).toBe(false);
  });

  it('a throw at its top level: exit 2 with the error', () => {
    const dir = project(`throw new Error('broken on purpose');\n${OK_BODY}`);
    const r = replbench(['run', path.join(dir, 'suite.yaml'), '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot load it: broken on purpose');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('an endless loop at its top level: an input error after the time limit', async () => {
    const dir = project(`for (;;) {}\n${OK_BODY}`);
    const raw = { name: 'loop', duration: '200ms', cluster: { nodes: 1, replicationFactor: 1 }, network: { clientToNode: '100us' }, workload: { records: 10, clients: { model: 'closed', count: 1 } }, strategy: { path: './strategy.js' } };
    const err = await expandSuite(raw, 'loop', { baseDir: dir, loadTimeoutMs: 500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems[0]!.path).toBe('strategy.path');
    expect((err as InputError).problems[0]!.message).toContain('did not finish loading within 0.5 s');
  });

  it('checks parameters in the worker and hashes every file the module imports', async () => {
    const dir = tempDir('replbench-strategy-');
    mkdirSync(path.join(dir, 'lib'));
    const helper = `export const NAME = 'echo';\n`;
    writeFileSync(path.join(dir, 'lib', 'name.js'), helper);
    const main = `import { NAME } from './lib/name.js';
const params = { safeParse: (p) => (Object.keys(p).every((k) => k === 'depth') ? { success: true, data: { depth: 1, ...p } } : { success: false, error: { issues: [{ code: 'unrecognized_keys', keys: Object.keys(p).filter((k) => k !== 'depth'), path: [], message: 'unknown' }] } }) };
${OK_BODY.replace("name: 'echo',", 'name: NAME,\n  params,\n  check: (p) => (p.depth > 3 ? [{ path: [\'depth\'], message: \'at most 3\' }] : []),')}`;
    writeFileSync(path.join(dir, 'strategy.js'), main);
    const raw = (strategy: Record<string, unknown>) => ({ name: 'hashes', duration: '200ms', cluster: { nodes: 1, replicationFactor: 1 }, network: { clientToNode: '100us' }, workload: { records: 10, clients: { model: 'closed', count: 1 } }, strategy: { path: './strategy.js', ...strategy } });
    const suite = await expandSuite(raw({}), 'hashes', { baseDir: dir });
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(suite.cases[0]!.strategyFiles).toEqual({ 'lib/name.js': sha(helper), 'strategy.js': sha(main) });
    expect(suite.cases[0]!.config.strategy).toEqual({ name: 'echo', path: './strategy.js', params: { depth: 1 } });
    const unknown = await expandSuite(raw({ width: 2 }), 'hashes', { baseDir: dir }).catch((e: unknown) => e as InputError);
    expect((unknown as InputError).problems).toEqual([{ path: 'strategy.width', message: 'unknown parameter for strategy echo' }]);
    const checked = await expandSuite(raw({ depth: 5 }), 'hashes', { baseDir: dir }).catch((e: unknown) => e as InputError);
    expect((checked as InputError).problems).toEqual([{ path: 'strategy.depth', message: 'at most 3' }]);
  });
});
