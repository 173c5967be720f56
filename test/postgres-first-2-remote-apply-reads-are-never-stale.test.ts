/**
 * PostgreSQL with synchronous_standby_names = 'FIRST 2 (s1, s2)' and synchronous_commit =
 * remote_apply: a write is acknowledged only once both standbys have applied it, so no read from a
 * standby is ever stale. The same workload on an async cluster shows that the check does see stale
 * reads when they happen.
 */
import { describe, expect, it } from 'vitest';
import { hotKeysSuite, okMetrics, runReal } from './helpers/real.js';

describe('postgres FIRST 2 with remote_apply', () => {
  it('serves no stale read from its standbys (async on the same workload does)', async () => {
    const results = await runReal(
      hotKeysSuite('first-2-remote-apply', [
        { kind: 'postgres', mode: 'sync', acks: 2, synchronousCommit: 'remote_apply' },
        { kind: 'postgres', mode: 'async', synchronousCommit: 'on' },
      ]),
    );
    const sync = okMetrics(results[0]);
    const async = okMetrics(results[1]);
    console.log(`FIRST 2 remote_apply: ${sync.staleness.reads} standby reads, ${sync.staleness.stale} stale, ${sync.ops.write.count} writes (p50 ${(sync.ops.write.latency.p50 / 1000).toFixed(2)} ms); async: ${async.staleness.reads} reads, ${async.staleness.stale} stale (${(async.staleness.fraction * 100).toFixed(2)}%)`);
    expect(sync.staleness.reads).toBeGreaterThan(300);
    expect(sync.ops.write.count).toBeGreaterThan(300);
    expect(sync.staleness.stale).toBe(0);
    expect(sync.ops.write.failed + sync.ops.read.failed).toBe(0);
    // The control: with thousands of reads of 50 keys written every few ms, async standbys serve stale data.
    expect(async.staleness.reads).toBeGreaterThan(300);
    expect(async.staleness.stale).toBeGreaterThan(0);
  });
});
