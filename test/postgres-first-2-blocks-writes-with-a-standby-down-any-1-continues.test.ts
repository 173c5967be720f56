/**
 * A standby stopped at 1 s: under FIRST 2 (both standbys must confirm) every write issued after
 * that waits until its client times out, and replbench cancels the waiting backends with
 * pg_cancel_backend (statement_timeout would not interrupt the SyncRep wait), as it cancels the
 * writes still waiting when the case ends; under ANY 1 the other standby's confirmation suffices
 * and writes continue.
 */
import { describe, expect, it } from 'vitest';
import { okMetrics, runReal } from './helpers/real.js';

describe('postgres with a standby down', () => {
  it('blocks writes under FIRST 2 and continues under ANY 1', async () => {
    const results = await runReal({
      name: 'standby-down',
      duration: '3500ms',
      cluster: { nodes: 3 },
      network: { nodeToNode: '500us', clientToNode: 0 },
      workload: { records: 100, updateProportion: 1, readProportion: 0, timeout: '1s', clients: { model: 'closed', count: 4 } },
      faults: [{ kind: 'crash', node: 2, at: '1s' }],
      matrix: {
        backend: [
          { kind: 'postgres', mode: 'sync', acks: 2, synchronousCommit: 'on' },
          { kind: 'postgres', mode: 'quorum', acks: 1, synchronousCommit: 'on' },
        ],
      },
    });
    const first2 = okMetrics(results[0]);
    const any1 = okMetrics(results[1]);
    const w1 = first2.faults.windows[0]!;
    const w2 = any1.faults.windows[0]!;
    console.log(`FIRST 2: ${w1.writesOk} writes ok and ${w1.writesTimedOut} timed out while s2 was down, ${first2.counters.cancelled} backends cancelled; ANY 1: ${w2.writesOk} ok, ${w2.writesTimedOut} timed out, first write after ${(w2.timeToFirstWriteUs ?? NaN) / 1000} ms`);
    // Before the fault both commit normally.
    expect(first2.ops.write.count).toBeGreaterThan(100);
    // FIRST 2: no write issued after the crash succeeded; the clients' writes timed out and were cancelled on the server.
    expect(w1.timeToFirstWriteUs).toBeNull();
    expect(w1.writesTimedOut).toBeGreaterThanOrEqual(4); // every client's write, at least once in the 2 s window
    expect(first2.counters.cancelled).toBeGreaterThanOrEqual(4);
    // The writes still waiting when the case ended were cancelled too, one per client.
    expect(first2.counters.cancelled_at_end).toBeGreaterThanOrEqual(4);
    // ANY 1: writes go on while s2 is down.
    expect(w2.timeToFirstWriteUs).not.toBeNull();
    expect(w2.writesOk).toBeGreaterThan(100);
    // (A write slower than the 1 s timeout would need a machine stalled that long; allow 1 in 100.)
    expect(w2.writesTimedOut).toBeLessThanOrEqual(Math.floor(w2.writesOk / 100));
  });
});
