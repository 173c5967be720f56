/**
 * Redis with WAIT 2 after every write: a write is acknowledged once both replicas have processed
 * it, so no read from a replica is ever stale and no WAIT comes back short (no fallback). The same
 * workload without WAIT (async) shows that the check does see stale reads when they happen.
 * Skipped, with a message, where redis-server is not installed.
 */
import { describe, expect, it } from 'vitest';
import { redisBackend } from '../harness/real/redis/backend.js';
import { hotKeysSuite, okMetrics, runReal } from './helpers/real.js';

const missing = await redisBackend.unavailable();
if (missing) console.log(`skipping the Redis WAIT test: ${missing}`);

describe.skipIf(missing !== null)('redis WAIT 2', () => {
  it('serves no stale read from its replicas (async on the same workload does)', async () => {
    const results = await runReal(
      hotKeysSuite('redis-wait-2', [
        { kind: 'redis', mode: 'wait', acks: 2, waitTimeout: '5s' },
        { kind: 'redis', mode: 'async' },
      ]),
    );
    const wait = okMetrics(results[0]);
    const async = okMetrics(results[1]);
    console.log(`WAIT 2: ${wait.staleness.reads} replica reads, ${wait.staleness.stale} stale, ${wait.ops.write.count} writes (p50 ${(wait.ops.write.latency.p50 / 1000).toFixed(2)} ms), fallbacks ${wait.counters.fallbacks ?? 0}; async: ${async.staleness.reads} reads, ${async.staleness.stale} stale (${(async.staleness.fraction * 100).toFixed(2)}%), write p50 ${(async.ops.write.latency.p50 / 1000).toFixed(2)} ms`);
    expect(wait.staleness.reads).toBeGreaterThan(300);
    expect(wait.ops.write.count).toBeGreaterThan(300);
    expect(wait.staleness.stale).toBe(0);
    expect(wait.counters.fallbacks ?? 0).toBe(0);
    expect(wait.ops.write.failed + wait.ops.read.failed).toBe(0);
    // WAIT makes each write wait for a replication round trip (2 × 1 ms through the relay); async does not.
    expect(wait.ops.write.latency.p50).toBeGreaterThan(2 * async.ops.write.latency.p50);
    // The control: thousands of reads of 50 keys written every few ms from async replicas are sometimes stale.
    expect(async.staleness.reads).toBeGreaterThan(300);
    expect(async.staleness.stale).toBeGreaterThan(0);
  });
});
