/**
 * Measuring a running cluster for calibration, one client, one operation at a time (wall-clock
 * time, after 20 discarded rounds): the cheapest round trip (PING / SELECT 1 / DO 1) and a write
 * straight to the primary, with writes not waiting for replicas (the primary's own service time);
 * the same round trip and a read straight to the node reads go to; and the round trip through the
 * client link's relay and through a replication link's relay. Each round runs every measurement
 * once, back to back (each operation right after the no-work round trip it is compared with), so a
 * slow spell of the shared machine touches them alike. After the round's write it waits until the
 * write's replication traffic has passed the relays (1.5 replication round trips, at least 1 ms): a
 * relay waits out the last 2 ms before a delivery on the CPU, and on a 2-core machine that would
 * be timed as the server's service time. Service time is what a server does for one operation on
 * an otherwise idle machine; contention under load is left to the workload.
 */
import { performance } from 'node:perf_hooks';
import type { RealCluster, RealSession } from '../backend.js';
import { sleep } from '../ports.js';

/** Round trips discarded before measuring (connections, caches and JIT warm up). */
export const DISCARDED = 20;

/** Single-client timings in µs, one entry per round. */
export interface Measurement {
  readonly samples: number;
  /** Round trips with no work, straight to the primary. */
  readonly noopPrimary: number[];
  /** Writes straight to the primary (not waiting for replicas). */
  readonly write: number[];
  /** The node reads were measured on. */
  readonly readNode: number;
  /** Round trips with no work, and reads, straight to the read node. */
  readonly noopRead: number[];
  readonly read: number[];
  /** Round trips with no work to the primary through the client link (its relay, when there is one). */
  readonly clientLink: number[];
  /** Round trips with no work to the primary through a replication link's relay (straight when there is none). */
  readonly replicationLink: number[];
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) * 1000;
}

/** Measures `samples` rounds on a loaded cluster (keys 0..records−1 exist; their versions are bumped: load again afterwards). */
export async function measure(cluster: RealCluster, samples: number, records: number, bytes: number, readNode: number): Promise<Measurement> {
  const opened: RealSession[] = [];
  const open = async (node: number, path: 'client' | 'direct' | 'replication') => {
    const s = await cluster.connect(node, path);
    opened.push(s);
    return s;
  };
  await cluster.setLocalWrites?.(true);
  try {
    const primary = await open(0, 'direct');
    const reader = readNode === 0 ? primary : await open(readNode, 'direct');
    const client = await open(0, 'client');
    const replication = await open(0, 'replication');
    const m: Measurement = { samples, noopPrimary: [], write: [], readNode, noopRead: [], read: [], clientLink: [], replicationLink: [] };
    let writeId = 1;
    let linkRtt = await time(() => replication.ping());
    for (let i = 0; i < samples + DISCARDED; i++) {
      const key = i % records;
      await reader.ping(); // after the pause: wake the path up (not timed)
      const noopRead = await time(() => reader.ping());
      const read = await time(() => reader.read(key));
      const clientLink = await time(() => client.ping());
      linkRtt = await time(() => replication.ping());
      const noopPrimary = await time(() => primary.ping());
      const write = await time(() => primary.write(key, writeId++, bytes, false));
      await sleep(Math.max(1, (1.5 * linkRtt) / 1000));
      const round = [noopPrimary, write, noopRead, read, clientLink, linkRtt];
      if (i < DISCARDED) continue;
      m.noopPrimary.push(round[0]!);
      m.write.push(round[1]!);
      m.noopRead.push(round[2]!);
      m.read.push(round[3]!);
      m.clientLink.push(round[4]!);
      m.replicationLink.push(round[5]!);
    }
    return m;
  } finally {
    await Promise.all(opened.map((s) => s.close()));
    await cluster.setLocalWrites?.(false);
  }
}
