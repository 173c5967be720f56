/**
 * Reading results.json back (for `replbench report` and `replbench compare`): the schema string
 * must match this version, and the fields the reports use must be there with the right types.
 * Pure: the caller reads the file and turns problems into an InputError.
 */
import { z } from 'zod';
import { RESULTS_SCHEMA, type RunResults } from './schema.js';

/** One problem with a results file: where (a path inside the document) and what. */
export interface ResultsProblem {
  readonly path: string;
  readonly message: string;
}

const num = z.number();
const hist = z.looseObject({
  count: num,
  mean: num,
  min: num,
  p50: num,
  p90: num,
  p99: num,
  p999: num,
  max: num,
  curve: z.array(z.tuple([num, num])),
});
const op = z.looseObject({ count: num, failed: num, timedOut: num, latency: hist });
const series = z.array(num.nullable());
const metrics = z.looseObject({
  measuredSeconds: num,
  throughput: num,
  offered: num,
  dropped: num.optional(),
  saturated: z.boolean().optional(),
  ops: z.looseObject({ read: op, write: op, byKind: z.record(z.string(), op).optional() }),
  inflightAtEnd: num,
  staleness: z.looseObject({ reads: num, stale: num, fraction: num, versionGap: hist, timeGap: hist }),
  replicationLag: z.looseObject({ lag: hist, unappliedAtEnd: num }),
  visibility: z.looseObject({ reads: z.string(), points: z.array(z.looseObject({ t_us: num, p: num.nullable() })) }),
  counters: z.record(z.string(), num),
  timeseries: z.looseObject({ ops: series, failed: series, availability: series.optional(), writeMeanUs: series, readMeanUs: series, maxLagUs: series }),
  sim: z.looseObject({ events: num, virtualSeconds: num }),
});
const config = z.looseObject({
  seed: num,
  repetition: num,
  strategy: z.looseObject({ name: z.string(), params: z.record(z.string(), z.unknown()) }),
});
const base = { id: z.string(), index: num.optional(), name: z.string(), seed: num, config, wallMs: num, strategyFiles: z.record(z.string(), z.string()).optional() };
const caseResult = z.discriminatedUnion('status', [
  z.looseObject({ status: z.literal('ok'), ...base, metrics }),
  z.looseObject({ status: z.enum(['failed', 'timed-out']), ...base, error: z.looseObject({ message: z.string(), stack: z.string().optional() }) }),
]);
const results = z.looseObject({
  schema: z.literal(RESULTS_SCHEMA),
  suite: z.looseObject({ name: z.string(), description: z.string().optional(), source: z.string(), seed: num, fingerprint: z.string().optional(), total: num.optional() }),
  status: z.enum(['complete', 'interrupted', 'partial']),
  environment: z.looseObject({ replbench: z.string(), node: z.string(), platform: z.string(), arch: z.string(), cpus: num, cpuModel: z.string(), code: z.string().optional() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  cases: z.array(caseResult),
});

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${String(seg)}` : String(seg);
  return out;
}

/** Validates a parsed results document; `label` (e.g. `base/results.json`) prefixes every path. */
export function validateResults(doc: unknown, label: string): { ok: true; results: RunResults } | { ok: false; problems: ResultsProblem[] } {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, problems: [{ path: label, message: 'not a replbench results document (expected a JSON object)' }] };
  const schema = (doc as Record<string, unknown>).schema;
  if (typeof schema !== 'string' || !schema.startsWith('replbench/results@')) {
    return { ok: false, problems: [{ path: `${label}: schema`, message: `not a replbench results file (schema is ${JSON.stringify(schema) ?? 'missing'}, expected "${RESULTS_SCHEMA}")` }] };
  }
  if (schema !== RESULTS_SCHEMA) {
    return { ok: false, problems: [{ path: `${label}: schema`, message: `incompatible results schema version "${schema}": this replbench reads "${RESULTS_SCHEMA}" (re-run the suite with this version)` }] };
  }
  const parsed = results.safeParse(doc);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => ({ path: `${label}: ${pathOf(i.path)}`, message: i.message }));
    if (parsed.error.issues.length > 10) problems.push({ path: label, message: `and ${parsed.error.issues.length - 10} more problems` });
    return { ok: false, problems };
  }
  return { ok: true, results: doc as RunResults };
}

/** Parses and validates the text of a results.json file. */
export function parseResults(text: string, label: string): { ok: true; results: RunResults } | { ok: false; problems: ResultsProblem[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [{ path: label, message: `not valid JSON: ${(err as Error).message}` }] };
  }
  return validateResults(doc, label);
}
