/**
 * Time series (one-second buckets, wider for long runs) of throughput, mean latency, maximum replication lag and availability,
 * on the run's own clock (a fault configured `at: 5s` is drawn at 5 s; the warm-up, which is not
 * measured, is shaded grey). Fault windows are shaded in a colour per fault kind; latency and lag
 * panels use a symlog axis when their values span decades.
 */
import { variantLabel, type ReportModel } from '../model.js';
import { SIZE, lineStyle, r, spanScale, topLevel } from './common.js';
import { failoverTimes, faultWindows } from './extras.js';
import type { ChartBuild, ChartModule, VlSpec } from './types.js';

interface Panel {
  readonly field: string;
  readonly title: string;
  /** Values that span decades get a symlog axis. */
  readonly spanning?: boolean;
}

/** Shading of fault windows per fault kind (light tones, apart from the strategy colours). */
const FAULT_COLOURS: Readonly<Record<string, string>> = { crash: '#d62728', partition: '#9467bd', slow: '#8c564b', loss: '#17becf' };

/** Seconds of warm-up of a case (the series start there). */
const warmupS = (c: { config: { warmup: number } }) => c.config.warmup / 1e6;
/** Seconds per bucket of a case's series (1 unless the run was long; results before buckets existed had 1). */
const bucketS = (c: { metrics: { timeseries: { bucketSeconds?: number } } }) => c.metrics.timeseries.bucketSeconds ?? 1;

function build(model: ReportModel): ChartBuild {
  const cases = model.cases.filter((c) => c.metrics.timeseries.ops.length > 0);
  if (cases.length === 0) return { skipped: 'no per-second samples (the measured period is shorter than a second)' };
  const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const values = cases.flatMap((c) => {
    const ts = c.metrics.timeseries;
    const variant = variantLabel(c);
    const t0 = warmupS(c);
    const width = bucketS(c);
    // One extra row at t = n closes the last step.
    return [...ts.ops, ts.ops[ts.ops.length - 1]!].map((ops, j) => {
      const i = Math.min(j, ts.ops.length - 1);
      const w = num(ts.writeMeanUs[i]);
      const rd = num(ts.readMeanUs[i]);
      const lag = num(ts.maxLagUs[i]);
      const avail = num((ts as { availability?: readonly (number | null)[] }).availability?.[i]);
      return {
        case_key: `${c.index}`,
        strategy: c.strategy,
        variant,
        t_s: r(t0 + j * width),
        ops_s: ops,
        write_ms: w === null || w === 0 ? null : r(w / 1000),
        read_ms: rd === null || rd === 0 ? null : r(rd / 1000),
        lag_ms: lag === null ? null : r(lag / 1000),
        availability_pct: avail === null ? null : r(avail * 100),
      };
    });
  });
  const end = Math.max(...cases.map((c) => warmupS(c) + c.metrics.timeseries.ops.length * bucketS(c)));
  const warmups = [...new Set(cases.map(warmupS))].filter((w) => w > 0);
  const failovers = cases
    .flatMap((c) => failoverTimes(c.metrics).map((t) => r(t + warmupS(c))))
    .filter((t, i, all) => all.indexOf(t) === i)
    .map((at_s) => ({ at_s }));
  // Windows over the same span and kind (from different cases) are shaded once, their labels joined.
  const bySpan = new Map<string, { start_s: number; end_s: number; kind: string; labels: string[] }>();
  for (const c of cases) {
    const kinds = (c.metrics as unknown as { faults?: { windows?: readonly { kind?: unknown }[] } }).faults?.windows ?? [];
    faultWindows(c.metrics).forEach((w, i) => {
      const kind = typeof kinds[i]?.kind === 'string' ? (kinds[i]!.kind as string) : 'fault';
      const start = r(w.start_s + warmupS(c));
      const stop = r(w.end_s + warmupS(c));
      const k = `${start}\u0000${stop}\u0000${kind}`;
      const e = bySpan.get(k) ?? bySpan.set(k, { start_s: start, end_s: stop, kind, labels: [] }).get(k)!;
      if (!e.labels.includes(w.label)) e.labels.push(w.label);
    });
  }
  const windows = [...bySpan.values()].map((e) => ({ start_s: e.start_s, end_s: e.end_s, kind: e.kind, label: e.labels.join(' / ') }));
  const faultKinds = [...new Set(windows.map((w) => w.kind))];
  const spans = (field: 'write_ms' | 'read_ms' | 'lag_ms') => spanScale(values.map((v) => v[field] ?? 0), 0.1).scale.type === 'symlog';
  const panels: Panel[] = [{ field: 'ops_s', title: 'throughput (ops/s)' }];
  if (values.some((v) => v.write_ms !== null)) panels.push({ field: 'write_ms', title: 'mean write latency (ms)', spanning: spans('write_ms') });
  if (values.some((v) => v.read_ms !== null)) panels.push({ field: 'read_ms', title: 'mean read latency (ms)', spanning: spans('read_ms') });
  if (values.some((v) => v.lag_ms !== null && v.lag_ms > 0)) panels.push({ field: 'lag_ms', title: 'max replication lag (ms)', spanning: spans('lag_ms') });
  // Availability only when it dips (or faults were injected): a flat 100% line says nothing.
  if (values.some((v) => v.availability_pct !== null && v.availability_pct < 100) || (windows.length > 0 && values.some((v) => v.availability_pct !== null))) {
    panels.push({ field: 'availability_pct', title: 'availability (% of operations)' });
  }
  const style = lineStyle(model, cases.map((c) => variantLabel(c)));
  const x = { field: 't_s', type: 'quantitative', title: 'run time (s)', scale: { domain: [0, end], nice: false } };
  const vconcat = panels.map((p, i): VlSpec => {
    const layer: VlSpec[] = [];
    if (warmups.length) {
      layer.push({
        data: { values: [{ from_s: 0, to_s: Math.max(...warmups), label: 'warm-up (not measured)' }] },
        mark: { type: 'rect', color: '#000', opacity: 0.06 },
        encoding: { x: { field: 'from_s', type: 'quantitative' }, x2: { field: 'to_s' } },
      });
      if (i === 0) {
        layer.push({
          data: { values: [{ from_s: 0, label: 'warm-up' }] },
          mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 3, fontSize: 9, color: '#666', y: 0 },
          encoding: { x: { field: 'from_s', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
        });
      }
    }
    if (windows.length) {
      layer.push({
        data: { values: windows },
        mark: { type: 'rect', opacity: 0.14 },
        encoding: {
          x: { field: 'start_s', type: 'quantitative' },
          x2: { field: 'end_s' },
          fill: { field: 'kind', type: 'nominal', title: 'fault', scale: { domain: faultKinds, range: faultKinds.map((k) => FAULT_COLOURS[k] ?? '#7f7f7f') } },
        },
      });
      if (i === 0) {
        layer.push({
          data: { values: windows },
          mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 3, fontSize: 9, color: '#a00', y: 0 },
          encoding: { x: { field: 'start_s', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
        });
      }
    }
    if (failovers.length) {
      layer.push({ data: { values: failovers }, mark: { type: 'rule', color: '#a00', strokeDash: [3, 3], strokeWidth: 1 }, encoding: { x: { field: 'at_s', type: 'quantitative' } } });
    }
    layer.push({
      transform: [{ filter: { field: p.field, valid: true } }],
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x,
        y: p.spanning
          ? { field: p.field, type: 'quantitative', title: `${p.title.replace(/\)$/, ', symlog scale)')}`, ...spanAxis(values.map((v) => (v as unknown as Record<string, number | null>)[p.field] ?? 0)) }
          : { field: p.field, type: 'quantitative', title: p.title },
        ...style,
        detail: { field: 'case_key', type: 'nominal' },
      },
    });
    return { width: SIZE.width, height: 140, layer };
  });
  return {
    spec: topLevel(
      'Per-second time series',
      windows.length || failovers.length ? 'run time, one line per case; shaded: fault windows by kind; dashed: leader failovers' : 'run time, one line per case (one step per second)',
      { data: { values }, vconcat, resolve: { scale: { x: 'shared' } } },
    ),
  };
}

/** A symlog y scale and axis for latency values spanning decades. */
function spanAxis(values: readonly number[]): VlSpec {
  const s = spanScale(values, 0.1);
  return { scale: s.scale, axis: s.axis };
}

/** Throughput, latency and lag per second. */
export const timeseries: ChartModule = {
  name: 'timeseries',
  title: 'Per-second time series',
  description: 'Successful operations, mean write and read latency, the maximum replication lag and (when it dips) availability in each second, on the run\'s clock (a fault configured at 5 s appears at 5 s; the warm-up is shaded grey and not measured). Fault windows are shaded by kind and leader failovers drawn as dashed lines, when the run has them.',
  build,
};
