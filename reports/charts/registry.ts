/** The chart registry: every chart module by name, in report order. */
import { readLatencyPercentiles, writeLatencyPercentiles } from './latency-percentiles.js';
import { writeLatencyByStrategy } from './write-latency-by-strategy.js';
import { tradeoff } from './tradeoff.js';
import { visibility } from './visibility.js';
import { throughputVsLoad } from './throughput-vs-load.js';
import { replicationLag } from './replication-lag.js';
import { timeseries } from './timeseries.js';
import { loadPerNode } from './load-per-node.js';
import { expectations } from './expectations.js';
import { overview } from './overview.js';
import type { ChartModule } from './types.js';

/** Every chart, in the order the report shows them. */
export const CHARTS: readonly ChartModule[] = [
  overview,
  tradeoff,
  writeLatencyByStrategy,
  writeLatencyPercentiles,
  readLatencyPercentiles,
  visibility,
  replicationLag,
  throughputVsLoad,
  timeseries,
  loadPerNode,
  expectations,
];

/** Chart names, in report order. */
export const CHART_NAMES: readonly string[] = CHARTS.map((c) => c.name);

/** The chart module called `name`, or undefined. */
export function chartByName(name: string): ChartModule | undefined {
  return CHARTS.find((c) => c.name === name);
}
