/**
 * YCSB's run control maps onto a case's run length: no warm-up unless `warmuptime` (replbench's
 * key) or the suite asks for one; `operationcount` operations measured, counted after the warm-up
 * when there is one; `maxexecutiontime` seconds at most after the warm-up; `threadcount` closed-loop
 * clients. A field the suite writes wins, and the YCSB setting it replaces is noted, never dropped
 * silently. Suites without YCSB keep their meaning (`operations` counts from the start).
 */
import { describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';
import { InputError } from '../harness/config/errors.js';
import { runOne } from './support/run-suite.js';
import type { CaseMetrics } from '../harness/metrics/types.js';

const BASE = { seed: 3, network: { clientToNode: '100us', nodeToNode: '500us' }, cluster: { nodes: 3, replicationFactor: 3 }, strategy: 'async' };
const expand = (suite: Record<string, unknown>) => expandSuite({ ...BASE, ...suite }, 'test', { baseDir: process.cwd() });
const total = (m: CaseMetrics) => Object.values(m.ops.byKind).reduce((s, k) => s + k.count + k.failed, 0);

describe('YCSB run control', () => {
  it('a core file as it is: no warm-up, operationcount operations, threadcount clients, a 3600 s limit', async () => {
    const { cases, warnings } = await expand({ workload: { ycsb: 'workloada' } });
    const c = cases[0]!.config;
    expect([c.warmup, c.operations, c.duration, c.operationsAfterWarmup]).toEqual([0, 1000, 3_600_000_000, undefined]);
    expect(c.workload.clients).toMatchObject({ model: 'closed', count: 1 });
    expect(warnings).toEqual([]);
  });

  it('warmuptime adds a warm-up, and operationcount then counts the operations after it', async () => {
    const suite = { workload: { ycsb: 'workloada', properties: { warmuptime: 0.5, threadcount: 4 } } };
    const { cases } = await expand(suite);
    const c = cases[0]!.config;
    expect([c.warmup, c.operations, c.duration, c.operationsAfterWarmup]).toEqual([500_000, 1000, 3_600_500_000, true]);
    // 4 clients at ≈ 0.3 ms per operation issue thousands in the warm-up; exactly 1000 are measured.
    const run = await runOne(suite);
    expect(total(run.metrics)).toBe(1000);
    expect(run.metrics.measuredSeconds).toBeGreaterThan(0);
  });

  it('maxexecutiontime bounds the measured time (after the warm-up); operationcount 0 runs until then', async () => {
    const suite = { workload: { ycsb: 'workloadc', properties: { operationcount: 0, maxexecutiontime: 2, warmuptime: 0.25 } } };
    const { cases } = await expand(suite);
    const c = cases[0]!.config;
    expect([c.warmup, c.operations, c.duration]).toEqual([250_000, null, 2_250_000]);
    const run = await runOne(suite);
    expect(run.metrics.measuredSeconds).toBe(2);
    // With operations left, maxexecutiontime ends the run first.
    const capped = await expand({ workload: { ycsb: 'workloada', properties: { operationcount: 1_000_000, maxexecutiontime: 3 } } });
    expect([capped.cases[0]!.config.duration, capped.cases[0]!.config.operations]).toEqual([3_000_000, 1_000_000]);
  });

  it('fields the suite writes win, and the YCSB settings they replace are noted', async () => {
    const { cases, warnings } = await expand({ duration: '4s', warmup: '1s', operations: 50, workload: { ycsb: 'workloada', properties: { maxexecutiontime: 60, warmuptime: 2 } } });
    const c = cases[0]!.config;
    expect([c.duration, c.warmup, c.operations, c.operationsAfterWarmup]).toEqual([4_000_000, 1_000_000, 50, undefined]);
    expect(warnings).toEqual(expect.arrayContaining([
      expect.stringContaining('YCSB warmuptime=2 not used'),
      expect.stringContaining('YCSB operationcount=1000 not used'),
      expect.stringContaining('YCSB maxexecutiontime=60 reaches past the suite\'s duration (4 s'),
    ]));
    // A shorter maxexecutiontime than the suite's duration is the tighter limit: it applies.
    const shorter = await expand({ duration: '20s', warmup: '1s', workload: { ycsb: 'workloada', properties: { maxexecutiontime: 2 } } });
    expect([shorter.cases[0]!.config.duration, shorter.cases[0]!.config.operationsAfterWarmup]).toEqual([3_000_000, true]);
  });

  it('a suite without YCSB keeps its duration, warm-up and operations as written', async () => {
    const { cases } = await expand({ warmup: '1s', operations: 500, workload: { readProportion: 0.5 } });
    const c = cases[0]!.config;
    expect([c.duration, c.warmup, c.operations]).toEqual([10_000_000, 1_000_000, 500]);
    expect('operationsAfterWarmup' in c).toBe(false);
  });

  it('a warm-up from warmuptime as long as the run is bad input naming the property', async () => {
    const err = await expand({ duration: '2s', workload: { ycsb: 'workloada', properties: { warmuptime: 3 } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems).toEqual([{ path: 'workload.properties.warmuptime', message: 'YCSB warmuptime (3000 ms) must be shorter than duration (2000 ms)' }]);
  });
});
