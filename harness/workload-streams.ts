/**
 * The seeded generators of one case's workload: keys, operation kinds, scan lengths, value sizes,
 * routing, think times, pacing and arrivals. The simulator's clients and the real-backend driver
 * both build them here, from the same named streams, so a real case issues the operations its
 * simulated twin issues.
 */
import { OP } from './metrics/recorder.js';
import { compileDist, type Sampler } from './sim/distributions.js';
import type { Rng } from './sim/rng.js';
import { KeySpace, createKeyChooser } from '../workloads/generators/keys.js';
import { OperationChooser, createScanLengthGenerator } from '../workloads/generators/operations.js';
import { ValueSizeGenerator } from '../workloads/generators/values.js';
import type { CaseConfig } from './config/schema.js';

const OP_CODE = { read: OP.read, update: OP.update, insert: OP.insert, scan: OP.scan, 'read-modify-write': OP.rmw } as const;

/** One case's workload generators (see the file header). */
export interface WorkloadStreams {
  readonly keyspace: KeySpace;
  readonly nextKey: { next(): number };
  /** The next operation kind (an OP code). */
  readonly nextOp: () => number;
  readonly scanLength: { next(): number };
  readonly sizes: ValueSizeGenerator;
  /** Bytes a read returns / a write carries. */
  readonly readBytes: () => number;
  readonly updateBytes: () => number;
  /** Routing choices (which replica a read goes to). */
  readonly routeRng: Rng;
  /** Operations to issue (Infinity: until the duration ends). */
  readonly opLimit: number;
  /** Operations intended to start before this do not count toward opLimit (YCSB's operationcount after a warm-up). */
  readonly countFrom: number;
  /** Closed loop with a target rate: each client's period (µs), else 0; and each client's first intended start. */
  readonly period: number;
  readonly nextIntended: number[];
  /** Closed loop: the think time between a reply and the next request. */
  readonly thinkTime: Sampler | undefined;
  /** Open loop: the gap to the next arrival (µs). */
  readonly nextGap: () => number;
}

/** Builds the workload generators of `config` from the case's root stream. */
export function workloadStreams(config: CaseConfig, root: Rng): WorkloadStreams {
  const wl = config.workload;
  const wlRng = root.fork('workload');
  const keyspace = new KeySpace(wl.records);
  const k = wl.keys;
  const nextKey = createKeyChooser(
    {
      distribution: k.distribution,
      recordCount: wl.records,
      ...(k.theta !== undefined ? { theta: k.theta } : {}),
      ...(k.hotsetFraction !== undefined ? { hotsetFraction: k.hotsetFraction } : {}),
      ...(k.hotOpnFraction !== undefined ? { hotOpnFraction: k.hotOpnFraction } : {}),
      ...(k.percentile !== undefined ? { exponentialPercentile: k.percentile } : {}),
      ...(k.frac !== undefined ? { exponentialFrac: k.frac } : {}),
      expectedNewKeys: config.operations !== null ? Math.floor(config.operations * wl.mix.insert * 2) : 0,
    },
    wlRng,
    keyspace,
  );
  const chooseOp = new OperationChooser(wl.mix, wlRng);
  const onlyOp = (['read', 'update', 'insert', 'scan', 'read-modify-write'] as const).find((o) => wl.mix[o] === 1);
  const sizes = new ValueSizeGenerator(wl.values, root.fork('values'));
  const clients = wl.clients;
  const period = clients.model === 'closed' && clients.target !== undefined ? (clients.count / clients.target) * 1e6 : 0;
  const arrivalRng = root.fork('arrivals');
  const meanGap = clients.model === 'open' ? 1e6 / clients.rate : 0;
  return {
    keyspace,
    nextKey,
    nextOp: onlyOp ? () => OP_CODE[onlyOp] : () => OP_CODE[chooseOp.next()],
    scanLength: createScanLengthGenerator({ minScanLength: wl.scan.minLength, maxScanLength: wl.scan.maxLength, distribution: wl.scan.distribution }, wlRng),
    sizes,
    readBytes: wl.values.readAllFields ? () => sizes.recordLength() : () => sizes.fieldLength(),
    updateBytes: wl.values.writeAllFields ? () => sizes.recordLength() : () => sizes.fieldLength(),
    routeRng: root.fork('route'),
    opLimit: config.operations ?? Infinity,
    countFrom: config.operationsAfterWarmup ? config.warmup : 0,
    period,
    nextIntended: clients.model === 'closed' ? Array.from({ length: clients.count }, (_, c) => (period * c) / clients.count) : [],
    thinkTime: clients.model === 'closed' ? compileDist(clients.thinkTime, root.fork('think')) : undefined,
    nextGap: clients.model === 'open' && clients.arrival === 'poisson' ? () => -meanGap * Math.log(arrivalRng.next()) : () => meanGap,
  };
}
