/**
 * The report model: the run's cases annotated with the labels charts and tables group by
 * (strategy label, the other swept values, partitioning, offered rate) and one colour per
 * strategy shared by every chart.
 */
import type { CaseConfig, FaultConfig } from './schema.js';
import { faultLabel } from './fault-label.js';
import type { CaseMetrics } from './schema.js';
import { canonicalJson } from './canonical-json.js';
import { configKey, groupName } from './config-key.js';
import type { CaseFailed, CaseResult, RunResults } from './schema.js';

/** Colours assigned to strategies in order of first appearance (Tableau 10, then Tableau 20's light tones). */
export const PALETTE: readonly string[] = [
  '#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d', '#ff9da6', '#bab0ac',
  '#9ecae9', '#ffbf79', '#88d27a', '#ff9d98', '#83bcb6', '#d6a5c9', '#f2cf5b', '#d8b5a5', '#fcbfd2', '#79706e',
];

/** One swept value of a case other than its strategy, e.g. `{ path: 'workload.clients.rate', label: 'rate', value: '2000' }`. */
export interface SweptValue {
  readonly path: string;
  readonly label: string;
  readonly value: string;
}

/** A successful case with its report labels. */
export interface CaseView {
  /** Position in the run (stable order for tables and legends). */
  readonly index: number;
  readonly id: string;
  readonly name: string;
  /** The case name without `rep=N`. */
  readonly groupName: string;
  /** Config identity without seed and repetition (repetitions share it). */
  readonly group: string;
  /** Strategy name plus the parameters that differ between cases of that strategy: the colour key. */
  readonly strategy: string;
  readonly partitioning: string;
  /** Open-loop arrival rate (ops/s), or null for closed-loop clients. */
  readonly rate: number | null;
  readonly repetition: number;
  /** Swept values other than the strategy and the seed. */
  readonly swept: readonly SweptValue[];
  readonly config: CaseConfig;
  readonly metrics: CaseMetrics;
}

/** Everything the charts, tables and findings are built from. */
export interface ReportModel {
  readonly results: RunResults;
  readonly cases: readonly CaseView[];
  readonly failed: readonly CaseFailed[];
  /** Strategy labels in order of first appearance: the shared colour domain. */
  readonly strategies: readonly string[];
  /** Colours for `strategies`, index for index. */
  readonly colors: readonly string[];
  readonly partitionings: readonly string[];
  /** The open-loop rates that occur (sorted). */
  readonly rates: readonly number[];
}

/** Splits a tagged setting (`"hash-mod"`, `{ scheme: "range", ... }`, `{ name: "sync", params }`) into a head and its options. */
function headAndOptions(v: unknown): { head: string; options: Record<string, unknown> } {
  if (typeof v === 'string') return { head: v, options: {} };
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const head = [o.scheme, o.name, o.kind].find((x) => typeof x === 'string') as string | undefined;
    const options = o.params && typeof o.params === 'object' ? (o.params as Record<string, unknown>) : Object.fromEntries(Object.entries(o).filter(([k]) => !['scheme', 'name', 'kind', 'path'].includes(k)));
    return { head: head ?? canonicalJson(v), options };
  }
  return { head: String(v), options: {} };
}

/**
 * Labels for tagged settings (strategies, partitioning schemes): the name, plus the options that
 * differ between settings of the same name (`semi-sync(acks=2)`), so labels stay short and unique.
 */
export function settingLabels(values: readonly unknown[]): string[] {
  const split = values.map(headAndOptions);
  const varying = new Map<string, string[]>();
  for (const head of new Set(split.map((s) => s.head))) {
    const same = split.filter((s) => s.head === head);
    const keys = new Set(same.flatMap((s) => Object.keys(s.options)));
    varying.set(head, [...keys].filter((k) => new Set(same.map((s) => canonicalJson(s.options[k]))).size > 1).sort());
  }
  return split.map((s) => {
    const params = varying.get(s.head)!.map((k) => {
      const v = s.options[k];
      return `${k}=${v !== null && typeof v === 'object' ? canonicalJson(v) : String(v)}`;
    });
    return params.length ? `${s.head}(${params.join(',')})` : s.head;
  });
}

const TAGS = ['dist', 'model'];

/** Flattens a config into leaf paths; a tagged object (a distribution, a client model) is also recorded whole. */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (TAGS.some((t) => t in o)) out.set(prefix, canonicalJson(o));
    for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix, canonicalJson(value));
}

function describe(value: string): string {
  try {
    const v: unknown = JSON.parse(value);
    if (v === null || typeof v !== 'object') return String(v);
    if (Array.isArray(v)) {
      // A fault schedule reads as its faults ("crash leader of p0 @5s"); other lists as JSON.
      if (v.every((x) => x && typeof x === 'object' && 'kind' in x)) return v.length ? (v as FaultConfig[]).map((f) => `${faultLabel(f)} @${f.at / 1e6}s`).join(' + ') : 'none';
      return canonicalJson(v);
    }
    const o = v as Record<string, unknown>;
    const head = (o.dist ?? o.model ?? o.name) as unknown;
    const rest = Object.entries(o)
      .filter(([k]) => !['dist', 'model', 'name'].includes(k))
      .map(([k, x]) => `${k}=${typeof x === 'object' ? canonicalJson(x) : String(x)}`);
    return `${typeof head === 'string' ? head : ''}${rest.length ? `(${rest.join(',')})` : ''}`;
  } catch {
    return value;
  }
}

const IGNORED_PATHS = /^(suite|seed|repetition)$|^strategy(\.|$)/;

/** Finds the config fields that differ between cases (the swept dimensions), as leaf-most useful paths. */
function sweptPaths(configs: readonly CaseConfig[]): string[] {
  const flats = configs.map((c) => {
    const m = new Map<string, string>();
    flatten(c, '', m);
    return m;
  });
  const all = new Set<string>();
  for (const f of flats) for (const k of f.keys()) all.add(k);
  const varies = (p: string) => new Set(flats.map((f) => f.get(p) ?? '∅')).size > 1;
  const varying = new Set([...all].filter((p) => !IGNORED_PATHS.test(p) && varies(p)));
  // A tagged object whose kind changes (exponential → lognormal) is one value; one whose kind is fixed is its changing leaves.
  const whole = [...varying].filter((p) => TAGS.some((t) => varying.has(`${p}.${t}`)));
  const tagged = (p: string) => flats.some((f) => TAGS.some((t) => f.has(`${p}.${t}`)));
  return [...varying]
    .filter((p) => (whole.includes(p) || !tagged(p)) && !whole.some((q) => q !== p && p.startsWith(`${q}.`)))
    .sort((a, b) => a.localeCompare(b));
}

/** A swept field's value in one case: a number stays a number; anything else reads as the report labels show it. */
export type SweptCell = string | number;

/**
 * The config fields that differ between `configs` (dotted paths, the same the report labels use;
 * the strategy, seed and repetition are left out) and each config's value of each, in path order.
 */
export function sweptColumns(configs: readonly CaseConfig[]): { paths: string[]; values: SweptCell[][] } {
  const paths = sweptPaths(configs);
  const values = configs.map((c) => {
    const flat = new Map<string, string>();
    flatten(c, '', flat);
    return paths.map((p): SweptCell => {
      const raw = flat.get(p);
      if (raw === undefined) return '';
      const v: unknown = JSON.parse(raw);
      return typeof v === 'number' ? v : cleanText(describe(raw));
    });
  });
  return { paths, values };
}

function shortLabels(paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of paths) {
    // `partitioning.scheme` reads better as `partitioning`, `workload.keys.distribution` as `keys`.
    const parts = p.split('.').filter((seg, i, all) => !(i === all.length - 1 && i > 0 && (seg === 'scheme' || seg === 'name' || seg === 'distribution')));
    let n = 1;
    const label = () => parts.slice(-n).join('.');
    while (n < parts.length && paths.some((q) => q !== p && q.split('.').slice(-n).join('.') === label())) n++;
    out.set(p, label());
  }
  return out;
}

/** Replaces control characters (which would make a standalone SVG invalid XML) with U+FFFD. */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
}

/** Builds the report model of a run. */
export function buildModel(results: RunResults): ReportModel {
  return { results, ...caseModel(results.cases) };
}

/** The report model of a list of case results (everything but the run's own data). */
export function caseModel(all: readonly CaseResult[]): Omit<ReportModel, 'results'> {
  const configs = all.map((c) => c.config);
  const swept = sweptPaths(configs);
  const labels = shortLabels(swept);
  const strategyOf = settingLabels(configs.map((c) => ({ name: c.strategy.name, params: c.strategy.params ?? {} })));
  const partitioningOf = settingLabels(configs.map((c) => c.partitioning));
  const cases: CaseView[] = [];
  const failed: CaseFailed[] = [];
  all.forEach((c, index) => {
    if (c.status !== 'ok') {
      failed.push(c);
      return;
    }
    const flat = new Map<string, string>();
    flatten(c.config, '', flat);
    const clients = (c.config.workload as { clients?: { model?: string; rate?: number } } | undefined)?.clients;
    cases.push({
      index,
      id: c.id,
      name: cleanText(c.name),
      groupName: cleanText(groupName(c.name)),
      group: configKey(c.config),
      strategy: cleanText(strategyOf[index]!),
      partitioning: cleanText(partitioningOf[index]!),
      rate: clients?.model === 'open' && typeof clients.rate === 'number' ? clients.rate : null,
      repetition: c.config.repetition,
      swept: swept.map((p) => ({ path: p, label: labels.get(p)!, value: cleanText(describe(flat.get(p) ?? 'null')) })),
      config: c.config,
      metrics: c.metrics,
    });
  });
  const strategies = [...new Set(cases.map((c) => c.strategy))];
  return {
    cases,
    failed,
    strategies,
    colors: strategies.map((_, i) => PALETTE[i % PALETTE.length]!),
    partitionings: [...new Set(cases.map((c) => c.partitioning))],
    rates: [...new Set(cases.flatMap((c) => (c.rate === null ? [] : [c.rate])))].sort((a, b) => a - b),
  };
}

/** The case's swept values as one label, leaving out the given paths (prefix match), e.g. `clients=16 loss=0.01`. */
export function variantLabel(c: CaseView, exclude: readonly string[] = []): string {
  return c.swept
    .filter((s) => !exclude.some((e) => s.path === e || s.path.startsWith(`${e}.`)))
    .map((s) => `${s.label}=${s.value}`)
    .join(' ');
}

/** Failed operations of a case, every kind counted once (timed-out ones are already among the failed). */
export function failedOps(m: CaseMetrics): number {
  const kinds = m.ops.byKind ? Object.values(m.ops.byKind) : [m.ops.read, m.ops.write];
  return kinds.reduce((s, k) => s + k.failed, 0);
}

/** Timed-out operations of a case, every kind counted once. */
export function timedOutOps(m: CaseMetrics): number {
  const kinds = m.ops.byKind ? Object.values(m.ops.byKind) : [m.ops.read, m.ops.write];
  return kinds.reduce((s, k) => s + k.timedOut, 0);
}
