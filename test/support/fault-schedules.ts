/** Random faults for the seeded fault-schedule tests: each test draws its own times, this draws the fault. */
import type { Rng } from '../../harness/sim/rng.js';

/**
 * One fault at `at` for `span`: a crash (2 in 5), a partition into two random groups, a loss burst
 * of 5–44%, or a node slowed 2–9×, on the leader of partition 0, a follower of it or a random node.
 * `clients`: partitions may also cut the clients off one side.
 */
export function randomFault(rng: Rng, nodes: number, at: string, span: string, options: { clients?: boolean } = {}): Record<string, unknown> {
  const target = [{ 'leader-of': 0 }, { 'a-follower-of': 0 }, rng.int(nodes)][rng.int(3)];
  switch (rng.int(5)) {
    case 0:
    case 1:
      return { kind: 'crash', node: target, at, for: span };
    case 2: {
      const cut = 1 + rng.int(nodes - 1);
      const order = Array.from({ length: nodes }, (_, k) => k);
      for (let k = nodes - 1; k > 0; k--) {
        const j = rng.int(k + 1);
        [order[k], order[j]] = [order[j]!, order[k]!];
      }
      return { kind: 'partition', groups: [order.slice(0, cut), order.slice(cut)], at, for: span, ...(options.clients && rng.int(2) ? { clients: rng.int(2) } : {}) };
    }
    case 3:
      return { kind: 'loss', probability: (5 + rng.int(40)) / 100, at, for: span };
    default:
      return { kind: 'slow', node: target, factor: 2 + rng.int(8), at, for: span };
  }
}
