/** Per-second time series of throughput, mean latency and maximum replication lag, with fault windows shaded. */
import { variantLabel, type ReportModel } from '../model.js';
import { SIZE, r, strategyColor, topLevel, variantDash } from './common.js';
import { failoverTimes, faultWindows } from './extras.js';
import type { ChartBuild, ChartModule, VlSpec } from './types.js';

interface Panel {
  readonly field: string;
  readonly title: string;
}

function build(model: ReportModel): ChartBuild {
  const cases = model.cases.filter((c) => c.metrics.timeseries.ops.length > 0);
  if (cases.length === 0) return { skipped: 'no per-second samples (the measured period is shorter than a second)' };
  const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const values = cases.flatMap((c) => {
    const ts = c.metrics.timeseries;
    const variant = variantLabel(c);
    // One extra row at t = n closes the last one-second step.
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
        t_s: j,
        ops_s: ops,
        write_ms: w === null || w === 0 ? null : r(w / 1000),
        read_ms: rd === null || rd === 0 ? null : r(rd / 1000),
        lag_ms: lag === null ? null : r(lag / 1000),
        availability_pct: avail === null ? null : r(avail * 100),
      };
    });
  });
  const seconds = Math.max(...cases.map((c) => c.metrics.timeseries.ops.length));
  const failovers = cases.flatMap((c) => failoverTimes(c.metrics)).filter((t, i, all) => all.indexOf(t) === i).map((at_s) => ({ at_s }));
  // Windows over the same span (from different cases) are shaded once, their labels joined.
  const bySpan = new Map<string, { start_s: number; end_s: number; labels: string[] }>();
  for (const w of cases.flatMap((c) => faultWindows(c.metrics))) {
    const k = `${w.start_s}\u0000${w.end_s}`;
    const e = bySpan.get(k) ?? bySpan.set(k, { start_s: w.start_s, end_s: w.end_s, labels: [] }).get(k)!;
    if (!e.labels.includes(w.label)) e.labels.push(w.label);
  }
  const windows = [...bySpan.values()].map((e) => ({ start_s: e.start_s, end_s: e.end_s, label: e.labels.join(' / ') }));
  const panels: Panel[] = [{ field: 'ops_s', title: 'throughput (ops/s)' }];
  if (values.some((v) => v.write_ms !== null)) panels.push({ field: 'write_ms', title: 'mean write latency (ms)' });
  if (values.some((v) => v.read_ms !== null)) panels.push({ field: 'read_ms', title: 'mean read latency (ms)' });
  if (values.some((v) => v.lag_ms !== null && v.lag_ms > 0)) panels.push({ field: 'lag_ms', title: 'max replication lag (ms)' });
  // Availability only when it dips (or faults were injected): a flat 100% line says nothing.
  if (values.some((v) => v.availability_pct !== null && v.availability_pct < 100) || (windows.length > 0 && values.some((v) => v.availability_pct !== null))) {
    panels.push({ field: 'availability_pct', title: 'availability (% of operations)' });
  }
  const dash = variantDash(cases.map((c) => variantLabel(c)));
  const x = { field: 't_s', type: 'quantitative', title: 'time after warm-up (s)', scale: { domain: [0, seconds] } };
  const vconcat = panels.map((p, i): VlSpec => {
    const layer: VlSpec[] = [];
    if (windows.length) {
      layer.push({
        data: { values: windows },
        mark: { type: 'rect', color: '#d62728', opacity: 0.12 },
        encoding: { x: { field: 'start_s', type: 'quantitative' }, x2: { field: 'end_s' } },
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
        y: { field: p.field, type: 'quantitative', title: p.title },
        color: strategyColor(model),
        detail: { field: 'case_key', type: 'nominal' },
        ...(dash ? { strokeDash: dash } : {}),
      },
    });
    return { width: SIZE.width, height: 140, layer };
  });
  return {
    spec: topLevel(
      'Per-second time series',
      windows.length || failovers.length ? 'after warm-up, one line per case; shaded: fault windows; dashed: leader failovers' : 'after warm-up, one line per case (one step per second)',
      { data: { values }, vconcat, resolve: { scale: { x: 'shared' } } },
    ),
  };
}

/** Throughput, latency and lag per second. */
export const timeseries: ChartModule = {
  name: 'timeseries',
  title: 'Per-second time series',
  description: 'Successful operations, mean write and read latency, the maximum replication lag and (when it dips) availability in each second after warm-up. Fault windows are shaded and leader failovers drawn as dashed lines, when the run has them.',
  build,
};
