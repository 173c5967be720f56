/**
 * A bare, hand-written event loop of the benchmark scenario (3 replicas, 16 closed-loop clients,
 * 50% follower reads, async replication with follower acks, exponential 1 ms node links,
 * 0.1 ms client links): no strategy abstraction, no metrics beyond a latency sum. It is the
 * yardstick the simulator's throughput is compared with, as a ratio measured in the same run.
 * With `fifo` (the simulator's default) a message on a node link never arrives before the one
 * sent before it on that link, as in the simulator, so both keep the same events pending.
 */
import { performance } from 'node:perf_hooks';
import { EventQueue } from './heap.js';
import { Rng } from '../harness/sim/rng.js';

const REQUEST = 0;
const RESPONSE = 1;
const APPEND = 2;
const ACK = 3;
const APPEND_1 = 4;

interface Op {
  client: number;
  read: boolean;
  start: number;
}

/** Runs `operations` operations; returns wall milliseconds and the events processed. */
export function bareLoop(operations: number, fifo = true): { wallMs: number; events: number; meanLatencyUs: number } {
  const rng = new Rng(1, 'baseline');
  const q = new EventQueue<Op | null>(1024);
  const c2n = 100;
  // Links: leader → follower 0, 1 (appends) and follower 0, 1 → leader (acks).
  const last = [0, 0, 0, 0];
  const n2n = (now: number, link: number) => {
    const at = now - 1000 * Math.log(rng.next());
    if (!fifo) return at;
    if (at > last[link]!) last[link] = at;
    return last[link]!;
  };
  const lastApplied = [0, 0];
  let issued = 0;
  let done = 0;
  let latencySum = 0;
  let events = 0;
  const issue = (client: number, now: number) => {
    if (issued++ >= operations) return;
    q.push(now + c2n, REQUEST, { client, read: rng.next() < 0.5, start: now });
  };
  const t0 = performance.now();
  for (let c = 0; c < 16; c++) issue(c, 0);
  while (q.size > 0) {
    const now = q.peekTime();
    const kind = q.peekKind();
    const op = q.pop();
    events++;
    switch (kind) {
      case REQUEST:
        if (!op!.read) {
          q.push(n2n(now, 0), APPEND, null);
          q.push(n2n(now, 1), APPEND_1, null);
        } else rng.int(2); // pick a follower
        q.push(now + c2n, RESPONSE, op);
        break;
      case APPEND:
      case APPEND_1:
        lastApplied[kind - APPEND && 1]!++;
        q.push(n2n(now, kind === APPEND ? 2 : 3), ACK, null);
        break;
      case ACK:
        break;
      case RESPONSE:
        done++;
        latencySum += now - op!.start;
        issue(op!.client, now);
        break;
    }
  }
  return { wallMs: performance.now() - t0, events, meanLatencyUs: latencySum / done };
}
