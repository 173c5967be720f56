/**
 * Building blocks shared by the chart modules. Field names are fixed identifiers chosen here;
 * user strings (case names, strategy labels) only ever appear as data values or scale domains.
 */
import { PALETTE, type ReportModel } from '../model.js';
import type { VlSpec } from './types.js';

/** The Vega-Lite schema the specs are written against. */
export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Default plot sizes (px) for single-view charts. */
export const SIZE = { width: 560, height: 300, small: { width: 260, height: 180 } } as const;

/** Look shared by every chart. */
export const CHART_CONFIG = {
  background: 'white',
  font: 'sans-serif',
  padding: 8,
  view: { stroke: '#ddd' },
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555', anchor: 'start' },
  // A limit of 0 never cuts a label short (Vega's default ends long labels with "…").
  axis: { labelFontSize: 10, titleFontSize: 11, grid: true, gridColor: '#eee', labelLimit: 0 },
  legend: { labelFontSize: 10, titleFontSize: 11, labelLimit: 0, titleLimit: 0 },
  header: { labelFontSize: 11, titleFontSize: 11, labelLimit: 0 },
  line: { strokeWidth: 1.8 },
  point: { size: 40 },
};

/** Wraps a spec body with the schema URL, title, config and data. */
export function topLevel(title: string, subtitle: string, body: VlSpec): VlSpec {
  return { $schema: VL_SCHEMA, title: { text: title, subtitle }, config: CHART_CONFIG, ...body };
}

/** The colour channel: strategy, with the run-wide domain and colours (the same in every chart). */
export function strategyColor(model: ReportModel, legend = true): VlSpec {
  return {
    field: 'strategy',
    type: 'nominal',
    title: 'strategy',
    scale: { domain: [...model.strategies], range: [...model.colors] },
    ...(legend ? {} : { legend: null }),
  };
}

/** Stroke dash by variant when a handful of variants share a strategy colour; none otherwise. */
export function variantDash(variants: readonly string[]): VlSpec | undefined {
  const distinct = [...new Set(variants)].filter((v) => v !== '');
  if (distinct.length < 2 || distinct.length > 6) return undefined;
  return { field: 'variant', type: 'nominal', title: 'variant', scale: { domain: distinct } };
}

/**
 * Colour and dash for one line per case: by strategy (dashes telling up to six variants apart),
 * or, when every case has the same strategy, a colour per variant (up to the palette's 20).
 * The data rows must carry `strategy` and `variant` fields.
 */
export function lineStyle(model: ReportModel, variants: readonly string[]): { color: VlSpec; strokeDash?: VlSpec } {
  const distinct = [...new Set(variants)].filter((v) => v !== '');
  if (model.strategies.length === 1 && distinct.length >= 2 && distinct.length <= PALETTE.length) {
    return { color: { field: 'variant', type: 'nominal', title: `${model.strategies[0]}: variant`, scale: { domain: distinct, range: PALETTE.slice(0, distinct.length) } } };
  }
  const dash = variantDash(variants);
  return { color: strategyColor(model), ...(dash ? { strokeDash: dash } : {}) };
}

/** `-log10(1 - q)` for a percentile q in [0, 100): 0 → p0, 1 → p90, 2 → p99, 3 → p99.9. */
export function nines(percentile: number): number {
  return -Math.log10(1 - percentile / 100);
}

/** Highest nines plotted (p99.9999); HDR's final 100th-percentile point has infinite nines and is left out. */
export const MAX_NINES = 6;

/**
 * The points of an HDR percentile curve as (nines, value): the finite percentiles up to
 * MAX_NINES, then the maximum placed at the resolution of the sample (percentile 1 − 1/count).
 */
export function curvePoints(curve: readonly (readonly [number, number])[], count: number, max: number): { nines: number; value: number }[] {
  const out: { nines: number; value: number }[] = [];
  for (const [pct, value] of curve) {
    if (pct >= 100) continue;
    const n = nines(pct);
    if (n <= MAX_NINES) out.push({ nines: n, value });
  }
  const last = out.length ? out[out.length - 1]!.nines : 0;
  const end = Math.min(MAX_NINES, Math.log10(Math.max(count, 1)));
  if (end > last || out.length === 0) out.push({ nines: Math.max(end, last), value: max });
  return out;
}

/** Axis tick values for a symlog scale: 0 and the powers of ten from `from` up to just past `max`. */
export function symlogTicks(max: number, from: number): number[] {
  const ticks = [0];
  for (let v = from; v < max * 10 && ticks.length < 12; v *= 10) ticks.push(+v.toPrecision(3));
  return ticks;
}

/** An x axis for `nines` values with percentile labels. */
export function ninesAxis(maxNines: number): VlSpec {
  const top = Math.max(1, Math.min(MAX_NINES, Math.ceil(maxNines)));
  return {
    field: 'nines',
    type: 'quantitative',
    title: 'percentile (log scale of 1 / (1 − p))',
    scale: { domain: [0, top], nice: false },
    axis: {
      values: Array.from({ length: top + 1 }, (_, i) => i),
      labelExpr: "['p0', 'p90', 'p99', 'p99.9', 'p99.99', 'p99.999', 'p99.9999'][datum.value]",
    },
  };
}

/** Microseconds as milliseconds, clamped at 1 µs so that log scales can show zero-latency points. */
export function msLog(us: number): number {
  return Math.max(us, 1) / 1000;
}

/** Rounds to a few significant digits to keep the embedded data small. */
export function r(x: number, digits = 5): number {
  return Number.isFinite(x) ? +x.toPrecision(digits) : x;
}

/** Vega-Lite scale for a positive quantity spanning orders of magnitude (symlog keeps zeros visible). */
export function spanScale(values: readonly number[], constant: number): { scale: VlSpec; axis: VlSpec } {
  const pos = values.filter((v) => v > 0);
  if (pos.length === 0) return { scale: { type: 'linear' }, axis: {} };
  const max = Math.max(...pos);
  if (max / Math.min(...pos) <= 50) return { scale: { type: 'linear' }, axis: {} };
  const ticks = symlogTicks(max, constant);
  return { scale: { type: 'symlog', constant, domain: [0, ticks[ticks.length - 1]!], nice: false }, axis: { values: ticks, format: '~r' } };
}

/** A log scale whose domain leaves a margin around the data, so lines at the extremes stay off the axes. */
export function logScale(values: readonly number[]): VlSpec {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return { type: 'log' };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of pos) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  return { type: 'log', domain: [+(lo / 1.6).toPrecision(2), +(hi * 1.6).toPrecision(2)], nice: false };
}

/** Tick values for a log axis over [lo, hi]: the powers of ten inside it, with 2× and 5× steps when there are fewer than three. */
export function logTicks(lo: number, hi: number): number[] {
  const decades = (mults: readonly number[]) => {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mults) {
        const v = +(m * 10 ** e).toPrecision(3);
        if (v >= lo && v <= hi) out.push(v);
      }
    }
    return out;
  };
  const ten = decades([1]);
  return ten.length >= 3 ? ten : decades([1, 2, 5]);
}
