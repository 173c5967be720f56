/** Random fault schedules for the seeded fault-schedule tests: each test gives the shape of its times, this draws the faults. */
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

/** How a test's schedules look: 1..`most` faults, each starting at `at(rng)` ms and lasting `span(rng)` ms. */
export interface ScheduleShape {
  readonly most: number;
  readonly at: (rng: Rng) => number;
  readonly span: (rng: Rng) => number;
  /** Partitions may also cut the clients off one side. */
  readonly clients?: boolean;
}

/** A random schedule of `shape` on a cluster of `nodes` (draws: the count, then per fault its start, its length and the fault). */
export function randomSchedule(rng: Rng, nodes: number, shape: ScheduleShape): Record<string, unknown>[] {
  const faults: Record<string, unknown>[] = [];
  const n = 1 + rng.int(shape.most);
  for (let i = 0; i < n; i++) {
    const at = `${shape.at(rng)}ms`;
    const span = `${shape.span(rng)}ms`;
    faults.push(randomFault(rng, nodes, at, span, { clients: shape.clients ?? false }));
  }
  return faults;
}
