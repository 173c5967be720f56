/**
 * A worker thread hosting a cluster's relays, so that their deliveries are timed on an event loop
 * of their own, not delayed by the clients' work (and the clients' timing not by theirs).
 * Messages: start a relay (target, delay distribution, seeded stream) → its port; stats; close.
 */
import { parentPort } from 'node:worker_threads';
import { compileDist, type DistSpec } from '../sim/distributions.js';
import { Rng } from '../sim/rng.js';
import { Relay } from './relay.js';

/** A request to the worker. */
export type RelayRequest =
  | { readonly type: 'start'; readonly id: number; readonly target: { host: string; port: number }; readonly delay: DistSpec; readonly seed: number; readonly stream: string }
  | { readonly type: 'stats'; readonly id: number }
  | { readonly type: 'close'; readonly id: number };

const relays: Relay[] = [];

parentPort?.on('message', (m: RelayRequest) => {
  void (async () => {
    try {
      if (m.type === 'start') {
        const r = await Relay.start(m.target, compileDist(m.delay, new Rng(m.seed, m.stream)));
        relays.push(r);
        parentPort!.postMessage({ id: m.id, port: r.port });
      } else if (m.type === 'stats') {
        parentPort!.postMessage({ id: m.id, stats: relays.map((r) => r.stats()) });
      } else {
        await Promise.all(relays.map((r) => r.close()));
        parentPort!.postMessage({ id: m.id, stats: relays.map((r) => r.stats()) });
      }
    } catch (err) {
      parentPort!.postMessage({ id: m.id, error: (err as Error).message });
    }
  })();
});
