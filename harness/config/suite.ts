/**
 * Suites: reading a suite file, expanding its matrix into cases and resolving each case into a
 * complete CaseConfig. Nothing is run or written here; every problem is an InputError whose
 * paths point at what the user wrote (a swept value is reported as `matrix.<field>[i]...`).
 * Longer than most modules: one pass from the file to resolved cases, whose steps (matrix
 * expansion, repetitions, seeds, names, per-case limits) share the error paths they report.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { distMean } from '../sim/distributions.js';
import { caseSchema, type CaseConfig, type ParsedCase } from './schema.js';
import { InputError, formatPath, type InputProblem } from './errors.js';
import { loadStrategy, resolvedDefinition, type ResolvedStrategy } from './strategies.js';
import { StrategyLoader, type ParamCheck } from './strategy-loader.js';
import { hashString32 } from '../sim/rng.js';
import { canonicalJson } from '../../reports/canonical-json.js';

export { canonicalJson };
import { buildScheme, resolvePartitioning, resolveRegions, schemeProblems } from './topology.js';
import { faultLabel, resolveFaults } from './faults.js';
import type { FaultConfig } from './schema.js';
import { resolveWorkload, YcsbFiles } from './workload.js';
import { ycsbRunLength } from './ycsb-run.js';
import type { ReadPolicy, WorkloadConfig, WritePolicy } from './schema.js';
import type { StrategyDefinition } from '../runtime/contract.js';
import { DEFAULT_CASE_MEMORY_MB, MAX_CASES, MAX_DURATION_US, MAX_FAULTS, MAX_SUITE_FILE_BYTES, count } from './limits.js';
import { forbiddenKeyProblems, forbiddenPathProblems } from './forbidden-keys.js';
import { sizeProblems } from './size-checks.js';
import { backendLabel, resolveBackend, type BackendProblem } from './backend.js';
import { realCaseProblems, realStrategy } from './real-case.js';
import { parseDuration } from './duration.js';

/** A runnable case: id, readable name, resolved config and where its strategy module lives. */
export interface Case {
  /** Stable id: a hash of the resolved config (including the seed). */
  readonly id: string;
  /** Position in the expanded suite. */
  readonly index: number;
  /** Readable name built from the swept values. */
  readonly name: string;
  readonly config: CaseConfig;
  /** Absolute path of a user strategy module (undefined for built-ins). */
  readonly strategyModule?: string;
  /** sha256 of every file the user strategy module loaded, by path relative to the suite file's folder. */
  readonly strategyFiles?: Readonly<Record<string, string>>;
}

/** Suite-level run options (not part of any case's config or id). */
export interface SuiteRunOptions {
  /** Wall-clock limit per case, ms. */
  readonly caseTimeoutMs?: number;
  /** Heap limit per worker, MB. */
  readonly caseMemoryMb?: number;
}

/** A suite after expansion. */
export interface Suite {
  readonly name: string;
  readonly description?: string;
  readonly source: string;
  readonly cases: readonly Case[];
  /** Hash over every case id: two expansions with equal fingerprints are the same suite. */
  readonly fingerprint: string;
  readonly options: SuiteRunOptions;
  /** Things the user should know (e.g. ignored YCSB properties), each once. */
  readonly warnings: readonly string[];
}

/** Options that override what the suite file says. */
export interface ExpandOptions {
  readonly seed?: number;
  /** Repetitions per combination (`--repetitions`), overriding the suite's. */
  readonly repetitions?: number;
  /** YCSB workload files or preset names (`--ycsb`, paths already absolute) replacing the suite's workload source. */
  readonly ycsb?: readonly string[];
  /** YCSB property overrides (`-p key=value`), winning over the files and the suite's `properties`. */
  readonly properties?: Readonly<Record<string, string>>;
  /** Directory that relative strategy paths are resolved against. */
  readonly baseDir: string;
  /** Strategies by name besides the built-ins (for programs embedding replbench, and tests). */
  readonly strategies?: ReadonlyMap<string, StrategyDefinition<any>>;
  /** Time limit for loading a user's strategy module (default LOAD_TIMEOUT_MS, 10 s). */
  readonly loadTimeoutMs?: number;
}

/** Reads a YAML or JSON suite file into plain data. */
export async function readSuiteFile(file: string): Promise<unknown> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_SUITE_FILE_BYTES) {
      throw new InputError([{ path: '', message: `suite file ${file} has ${count(size)} bytes; at most ${count(MAX_SUITE_FILE_BYTES)} (replbench's limit; see README "Limits")` }]);
    }
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError([{ path: '', message: `cannot read suite file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }]);
  }
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new InputError([{ path: '', message: `${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}` }]);
  }
}

const ZERO = { dist: 'constant', value: 0 } as const;
/** The service times a real case records: none (sweeping service.* over a real backend runs it once). */
const REAL_SERVICE = { workers: 1, write: ZERO, read: ZERO, apply: ZERO, scan: ZERO };

/** Fields whose string shorthand stands for an object with this key (`strategy: sync` = `{ name: sync }`). */
const SHORTHAND: Record<string, string> = { strategy: 'name', partitioning: 'scheme', backend: 'kind' };

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let obj: Record<string, unknown> = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = obj[parts[i]!];
    const shorthand = i === 0 ? SHORTHAND[parts[0]!] : undefined;
    if (typeof next === 'string' && shorthand) obj[parts[i]!] = { [shorthand]: next };
    else if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) obj[parts[i]!] = {};
    obj = obj[parts[i]!] as Record<string, unknown>;
  }
  obj[parts[parts.length - 1]!] = value;
}

function describeValue(v: unknown): string {
  if (v === null || typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  const head = (o.name ?? o.path ?? o.dist ?? o.model ?? o.scheme ?? o.kind) as string | undefined;
  const rest = Object.entries(o)
    .filter(([k]) => !['name', 'path', 'dist', 'model', 'scheme', 'kind'].includes(k))
    .map(([k, x]) => `${k}=${typeof x === 'object' ? JSON.stringify(x) : String(x)}`);
  return head !== undefined ? (rest.length ? `${head}(${rest.join(',')})` : String(head)) : rest.join(',');
}

/** The id of a case: the first 12 hex digits of sha256 over its canonical config. */
export function caseId(config: CaseConfig): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 12);
}

/** Derives the seed of repetition r (> 0) from the suite seed; repetition 0 keeps the seed. */
export function repetitionSeed(seed: number, r: number): number {
  return r === 0 ? seed : hashString32(`repetition-${r}`, seed) + 4294967296 * (hashString32(`repetition-hi-${r}`, seed) & 0x1fffff);
}

interface Sweep {
  readonly key: string;
  readonly index: number;
  readonly value: unknown;
}

/** Maps a zod issue path of an expanded case back to what the user wrote (matrix entries included). */
function userPath(issuePath: readonly PropertyKey[], sweeps: readonly Sweep[]): string {
  for (const s of sweeps) {
    const parts = s.key.split('.');
    if (parts.every((p, i) => issuePath[i] === p)) return formatPath(['matrix', s.key, s.index, ...issuePath.slice(parts.length)]);
  }
  return formatPath(issuePath);
}

function zodProblems(error: z.ZodError, sweeps: readonly Sweep[]): InputProblem[] {
  const out: InputProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One message line per key (schema.ts unknownKeysMessage), each with its suggestion.
      const lines = issue.message.split('\n');
      issue.keys.forEach((key, i) => out.push({ path: userPath([...issue.path, key], sweeps), message: lines.length === issue.keys.length ? lines[i]! : 'unknown key' }));
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest (the most specific message) rather than "invalid input".
      const depth = (errs: readonly z.core.$ZodIssue[]) => Math.max(0, ...errs.map((e) => e.path.length));
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
      const nested = best.length > 0 && best.some((e) => e.path.length > 0) ? best : [];
      if (nested.length > 0) out.push(...zodProblems(new z.ZodError(nested.map((e) => ({ ...e, path: [...issue.path, ...e.path] }))), sweeps));
      else out.push({ path: userPath(issue.path, sweeps), message: issue.message });
    } else {
      out.push({ path: userPath(issue.path, sweeps), message: issue.message });
    }
  }
  return out;
}

/** How many cases `axes` (and the suite's repetitions) expand to, before expanding. */
function preflightProblems(base: Record<string, unknown>, axes: readonly [string, unknown[]][]): InputProblem[] {
  const problems: InputProblem[] = [];
  const repetitions = typeof base.repetitions === 'number' && Number.isSafeInteger(base.repetitions) && base.repetitions > 0 ? base.repetitions : 1;
  const total = axes.reduce((n, [, values]) => n * values.length, repetitions);
  if (total > MAX_CASES) {
    const factors = [...axes.map(([k, v]) => `${v.length} ${k}`), ...(repetitions > 1 ? [`${repetitions} repetitions`] : [])];
    problems.push({ path: axes.length ? 'matrix' : 'repetitions', message: `expands to ${count(total)} cases (${factors.join(' × ')}); at most ${count(MAX_CASES)} (replbench's limit; see README "Limits"): split it into several suites` });
  }
  // Fault lists are counted before the schema reads them (reading 800,000 faults takes minutes).
  const tooMany = (list: unknown, path: string) => {
    if (Array.isArray(list) && list.length > MAX_FAULTS) problems.push({ path, message: `${count(list.length)} faults; at most ${count(MAX_FAULTS)} faults per case (replbench's limit; see README "Limits")` });
  };
  tooMany(base.faults, 'faults');
  for (const [k, values] of axes) if (k === 'faults') values.forEach((v, i) => tooMany(v, `matrix.faults[${i}]`));
  return problems;
}

/** Checks that operations cannot all complete in zero virtual time (the simulation would never advance). */
function zeroTimeProblems(c: ParsedCase, wl: WorkloadConfig, writesWait: boolean): InputProblem[] {
  const clients = wl.clients;
  if (clients.model !== 'closed') return [];
  const think = distMean(clients.thinkTime);
  const link = 2 * distMean(c.network.clientToNode);
  const problems: InputProblem[] = [];
  if (clients.target !== undefined) return []; // paced clients advance time by themselves
  const reads = wl.mix.read + wl.mix.scan;
  if (reads > 0 && think + link + distMean(c.service.read) === 0) {
    problems.push({ path: 'network.clientToNode', message: 'reads would take zero virtual time: network.clientToNode, service.read and workload.clients.thinkTime are all zero, so the simulation could never advance; give one of them a positive duration' });
  }
  const replication = writesWait ? 2 * distMean(c.network.nodeToNode) + distMean(c.service.apply ?? c.service.write) : 0;
  if (reads < 1 && think + link + distMean(c.service.write) + replication === 0) {
    problems.push({ path: 'network.clientToNode', message: `writes would take zero virtual time: network.clientToNode, service.write and workload.clients.thinkTime are all zero${writesWait ? ' and so is network.nodeToNode' : ' and the strategy acknowledges without waiting for followers'}, so the simulation could never advance; give one of them a positive duration` });
  }
  return problems;
}

/** Expands and validates a suite; throws InputError listing every problem. Users' strategy modules are loaded in isolated workers, stopped before it returns. */
export async function expandSuite(raw: unknown, source: string, options: ExpandOptions): Promise<Suite> {
  const loader = new StrategyLoader(options.loadTimeoutMs);
  try {
    return await expandWith(raw, source, options, loader);
  } finally {
    await loader.close();
  }
}

async function expandWith(raw: unknown, source: string, options: ExpandOptions, loader: StrategyLoader): Promise<Suite> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError([{ path: '', message: `${source}: a suite must be a mapping of fields (name, cluster, workload, strategy, matrix, ...)` }]);
  const base = raw as Record<string, unknown>;
  const reserved = [...forbiddenKeyProblems(base), ...forbiddenPathProblems(Object.keys(options.properties ?? {}), '-p')];
  if (reserved.length) throw new InputError(reserved);
  const matrixRaw = base.matrix;
  const problems: InputProblem[] = [];
  let axes: [string, unknown[]][] = [];
  if (matrixRaw !== undefined) {
    if (matrixRaw === null || typeof matrixRaw !== 'object' || Array.isArray(matrixRaw)) {
      throw new InputError([{ path: 'matrix', message: 'expected a mapping from a field (e.g. strategy, workload.readProportion) to a list of values' }]);
    }
    axes = Object.entries(matrixRaw as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]);
    for (const [k, v] of axes) {
      if (['matrix', 'seed', 'name', 'repetitions', 'caseTimeout', 'caseMemory', 'description'].includes(k)) problems.push({ path: `matrix.${k}`, message: `"${k}" cannot be swept` });
      if (v.length === 0) problems.push({ path: `matrix.${k}`, message: 'a matrix entry needs at least one value' });
    }
    if (problems.length) throw new InputError(problems);
  }
  problems.push(...preflightProblems(base, axes));
  if (problems.length) throw new InputError(problems);
  // Cartesian product, first axis outermost.
  let combos: Sweep[][] = [[]];
  for (const [key, values] of axes) {
    const next: Sweep[][] = [];
    for (const c of combos) values.forEach((value, index) => next.push([...c, { key, index, value }]));
    combos = next;
  }
  const cases: Case[] = [];
  const seenIds = new Set<string>();
  const warnings = new Set<string>();
  const ycsbFiles = new YcsbFiles();
  let suiteName = 'suite';
  let description: string | undefined;
  let runOptions: SuiteRunOptions = {};
  for (const sweeps of combos) {
    const rawCase = structuredClone({ ...base, matrix: undefined }) as Record<string, unknown>;
    delete rawCase.matrix;
    for (const s of sweeps) setPath(rawCase, s.key, structuredClone(s.value));
    if (options.seed !== undefined) rawCase.seed = options.seed;
    if (options.repetitions !== undefined) rawCase.repetitions = options.repetitions;
    if (options.ycsb?.length || (options.properties && Object.keys(options.properties).length)) {
      const w = rawCase.workload;
      const obj = w && typeof w === 'object' && !Array.isArray(w) ? (w as Record<string, unknown>) : typeof w === 'string' ? { ycsb: w } : {};
      // --ycsb replaces the suite's workload definition; only replbench's own routing and timeout stay.
      const kept = options.ycsb?.length ? Object.fromEntries(Object.entries(obj).filter(([k2]) => k2 === 'reads' || k2 === 'timeout' || k2 === 'properties')) : obj;
      rawCase.workload = {
        ...kept,
        ...(options.ycsb?.length ? { ycsb: [...options.ycsb] } : {}),
        properties: { ...((obj.properties as Record<string, unknown>) ?? {}), ...(options.properties ?? {}) },
      };
    }
    const parsed = caseSchema.safeParse(rawCase);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, sweeps));
      continue;
    }
    const c = parsed.data;
    suiteName = c.name;
    description = c.description;
    runOptions = {
      ...(c.caseTimeout !== undefined ? { caseTimeoutMs: c.caseTimeout / 1000 } : {}),
      ...(c.caseMemory !== undefined ? { caseMemoryMb: c.caseMemory } : {}),
    };
    const caseProblems: InputProblem[] = [];
    if (c.cluster.replicationFactor > c.cluster.nodes) {
      caseProblems.push({ path: userPath(['cluster', 'replicationFactor'], sweeps), message: `${c.cluster.replicationFactor} exceeds cluster.nodes (${c.cluster.nodes})` });
    }
    for (const t of c.metrics.visibility) if (!Number.isFinite(t)) caseProblems.push({ path: 'metrics.visibility', message: 'must be finite durations' });
    // A real database instead of the simulator (null: simulated).
    const backendProblems: BackendProblem[] = [];
    const real = resolveBackend(c.backend, c.cluster, parseDuration, backendProblems);
    caseProblems.push(...backendProblems.map((p) => ({ path: userPath(p.path, sweeps), message: p.message })));
    const workloadProblems: InputProblem[] = [];
    const resolved = await resolveWorkload(c.workload, options.baseDir, ycsbFiles, workloadProblems);
    caseProblems.push(...workloadProblems.map((p) => ({ ...p, path: userPath(p.path.split('.'), sweeps) })));
    if (!resolved) {
      problems.push(...caseProblems);
      continue;
    }
    let wl = resolved.workload;
    // How long the case runs: the suite's own fields, else YCSB's run control (operationcount, maxexecutiontime, warmuptime).
    const written = (k: 'duration' | 'warmup' | 'operations') => (rawCase[k] !== undefined ? (c[k] as number) : undefined);
    const run = ycsbRunLength({ duration: written('duration'), warmup: written('warmup'), operations: written('operations') }, { duration: c.duration, warmup: c.warmup }, resolved.ycsbRun);
    for (const n of run.notes) warnings.add(n);
    // The schema limits a duration the suite writes; one that YCSB's run control makes is checked here.
    if (run.duration > MAX_DURATION_US) {
      const key = resolved.ycsbRun?.maxExecutionTime != null ? 'maxexecutiontime' : 'warmuptime';
      const given = typeof c.workload !== 'string' && c.workload.properties !== undefined && key in c.workload.properties;
      caseProblems.push({ path: given ? `workload.properties.${key}` : 'workload.ycsb', message: `YCSB ${key} makes a run of ${count(run.duration / 1e6)} s of virtual time (warm-up included); at most ${count(MAX_DURATION_US / 1e6)} s (7 days; replbench's limit; see README "Limits")` });
    } else if (run.warmup >= run.duration) {
      const what = run.warmupFrom === 'ycsb' ? 'YCSB warmuptime' : 'warm-up';
      caseProblems.push({ path: run.warmupFrom === 'ycsb' ? 'workload.properties.warmuptime' : userPath(['warmup'], sweeps), message: `${what} (${run.warmup / 1000} ms) must be shorter than duration (${run.duration / 1000} ms)` });
    }
    for (const w of resolved.warnings) warnings.add(w);
    const regions = resolveRegions(c.regions, c.cluster.nodes, caseProblems);
    const partitioning = resolvePartitioning(c.partitioning as Parameters<typeof resolvePartitioning>[0]);
    let faults: FaultConfig[] = [];
    let partitionCount = 0;
    if (caseProblems.length === 0) {
      for (const p of schemeProblems({ cluster: c.cluster, partitioning, regions, seed: c.seed, workload: wl })) {
        caseProblems.push({ path: userPath(p.path.split('.'), sweeps), message: p.message });
      }
      if (caseProblems.length === 0) {
        partitionCount = buildScheme({ cluster: c.cluster, partitioning, regions, seed: c.seed, workload: wl }).partitions;
        const faultProblems: InputProblem[] = [];
        faults = resolveFaults(c.faults, c.cluster.nodes, partitionCount, run.duration, faultProblems);
        caseProblems.push(...faultProblems.map((p) => ({ ...p, path: userPath(p.path.split(/\.|(?=\[)/).map((x) => (/^\[\d+\]$/.test(x) ? Number(x.slice(1, -1)) : x)), sweeps) })));
      }
    }
    // Strategy: built-in by name, or a user's module by path (loaded and checked in its own worker).
    const entry = typeof c.strategy === 'string' ? { name: c.strategy } : (c.strategy as Record<string, unknown>);
    const { name: sName, path: sPath, ...rawParams } = entry as { name?: string; path?: string };
    const strategyPath = ['strategy'];
    // A name given as a plain string (`strategy: paxos`) is reported at `strategy` itself, an entry's at `strategy.name` / `strategy.path`.
    const strategyField = () => userPath(typeof c.strategy === 'string' ? strategyPath : [...strategyPath, sPath !== undefined ? 'path' : 'name'], sweeps);
    let loaded: ResolvedStrategy | undefined;
    if (real) {
      // A real database replicates by itself: the suite's strategy does not apply; routes, faults and limits are checked for it.
      const rawWl = typeof c.workload === 'object' && c.workload !== null ? (c.workload as { reads?: ReadPolicy; writes?: WritePolicy }) : {};
      wl = { ...wl, reads: rawWl.reads ?? 'leader', writes: rawWl.writes ?? 'leader' };
      if (caseProblems.length === 0) caseProblems.push(...realCaseProblems(real, { duration: run.duration, workload: wl, faults, network: c.network }).map((p) => ({ path: userPath(p.path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)), sweeps), message: p.message })));
    } else try {
      const extra = sPath === undefined && sName !== undefined ? options.strategies?.get(sName) : undefined;
      loaded = extra ? resolvedDefinition(extra) : await loadStrategy(sName, sPath, options.baseDir, loader);
    } catch (err) {
      caseProblems.push({ path: strategyField(), message: (err as Error).message });
    }
    let params: Record<string, unknown> = rawParams;
    if (loaded && !real) {
      const shape = c.cluster;
      let checked: ParamCheck | undefined;
      try {
        checked = await loaded.check(rawParams, shape);
      } catch (err) {
        caseProblems.push({ path: strategyField(), message: (err as Error).message });
      }
      if (checked) {
        for (const issue of checked.issues) {
          if (issue.code === 'unrecognized_keys' && issue.keys) {
            // The message has a line per key, each "unknown key" plus its suggestion (schema.ts unknownKeysMessage).
            const keys = issue.keys;
            const lines = String(issue.message).split('\n');
            keys.forEach((key, k) => {
              const hint = lines.length === keys.length && /^unknown key/.test(lines[k]!) ? lines[k]!.replace(/^unknown key/, '') : '';
              caseProblems.push({ path: userPath([...strategyPath, ...issue.path, key], sweeps), message: `unknown parameter for strategy ${loaded.name}${hint}` });
            });
          } else caseProblems.push({ path: userPath([...strategyPath, ...issue.path], sweeps), message: issue.message });
        }
        if (!checked.issues.length) params = checked.params;
        if (caseProblems.length === 0) for (const p of checked.problems) caseProblems.push({ path: userPath([...strategyPath, ...p.path], sweeps), message: p.message });
      }
      if (checked && caseProblems.length === 0) {
        // Routes: the suite's choice, else the strategy's default, else the leader.
        const traits = checked.traits;
        const rawWl = typeof c.workload === 'object' && c.workload !== null ? (c.workload as { reads?: ReadPolicy; writes?: WritePolicy }) : {};
        wl = { ...wl, reads: rawWl.reads ?? traits.reads ?? 'leader', writes: rawWl.writes ?? traits.writes };
        const hasReads = wl.mix.read + wl.mix.scan + wl.mix['read-modify-write'] > 0;
        if (wl.reads === 'follower' && c.cluster.replicationFactor < 2 && hasReads) caseProblems.push({ path: userPath(['workload', 'reads'], sweeps), message: 'follower reads need cluster.replicationFactor >= 2' });
        if (wl.reads === 'nearest' && !regions) caseProblems.push({ path: userPath(['workload', 'reads'], sweeps), message: 'nearest reads need regions (regions.nodes and regions.latency)' });
        if (wl.writes === 'nearest' && !regions) caseProblems.push({ path: userPath(['workload', 'writes'], sweeps), message: 'nearest writes need regions (regions.nodes and regions.latency)' });
        const writesWait = traits.waitsForFollowers;
        if (caseProblems.length === 0) caseProblems.push(...zeroTimeProblems(c, wl, writesWait));
        if (caseProblems.length === 0) {
          const sized = {
            duration: run.duration,
            warmup: run.warmup,
            operations: run.operations,
            ...(run.operationsAfterWarmup ? { operationsAfterWarmup: true as const } : {}),
            cluster: c.cluster,
            partitioning,
            network: { ...c.network, bandwidth: c.network.bandwidth ?? null },
            service: { workers: c.service.workers, write: c.service.write, read: c.service.read, apply: c.service.apply ?? c.service.write, scan: c.service.scan ?? c.service.read },
            workload: wl,
            faults,
            partitions: partitionCount,
            writesWait,
          };
          caseProblems.push(...sizeProblems(sized, c.caseMemory ?? DEFAULT_CASE_MEMORY_MB, (p) => (p ? userPath(p.split('.'), sweeps) : '')));
        }
      }
    }
    if (caseProblems.length) {
      problems.push(...caseProblems);
      continue;
    }
    if (real) params = realStrategy(real).params;
    const strategyName = real ? realStrategy(real).name : loaded!.name;
    const strategyFiles = !real && Object.keys(loaded!.files).length
      ? Object.fromEntries(Object.entries(loaded!.files).map(([f, h]) => [path.relative(options.baseDir, f).split(path.sep).join('/'), h]).sort(([a], [b]) => a.localeCompare(b)))
      : undefined;
    for (let r = 0; r < c.repetitions; r++) {
      const config: CaseConfig = {
        suite: c.name,
        seed: repetitionSeed(c.seed, r),
        repetition: r,
        duration: run.duration,
        warmup: run.warmup,
        operations: run.operations,
        ...(run.operationsAfterWarmup ? { operationsAfterWarmup: true as const } : {}),
        cluster: c.cluster,
        partitioning,
        regions,
        network: { nodeToNode: c.network.nodeToNode, clientToNode: c.network.clientToNode, loss: c.network.loss, ordering: c.network.ordering, bandwidth: c.network.bandwidth ?? null },
        // A real case records no service times (the database has its own) and no failover (it has none).
        service: real ? REAL_SERVICE : { workers: c.service.workers, write: c.service.write, read: c.service.read, apply: c.service.apply ?? c.service.write, scan: c.service.scan ?? c.service.read },
        workload: wl,
        strategy: { name: strategyName, ...(sPath !== undefined && !real ? { path: sPath } : {}), params },
        faults,
        failover: real ? { ...c.failover, enabled: false } : c.failover,
        metrics: c.metrics,
        ...(real ? { backend: real } : {}),
      };
      const strategyLabel = real ? backendLabel(real) : describeValue({ ...rawParams, name: strategyName });
      // A swept value names the case only if it took effect: vnodes only for consistent-hash, and no
      // workload field that --ycsb replaced (it keeps reads, timeout and properties).
      const replacedByYcsb = (k: string) => !!options.ycsb?.length && (k === 'workload' || (k.startsWith('workload.') && !/^workload\.(reads|timeout|properties)(\.|$)/.test(k)));
      const applies = (s: Sweep) => (!s.key.startsWith('partitioning.') || s.key.slice('partitioning.'.length) in partitioning) && !replacedByYcsb(s.key);
      // A real case is named by its backend (its strategy is the database's own replication).
      const named = (s: Sweep) => applies(s) && !(real && (s.key === 'strategy' || s.key.startsWith('strategy.') || s.key === 'backend' || s.key.startsWith('backend.')));
      const label = sweeps.filter(named).map((s) => {
        if (s.key === 'strategy') return strategyLabel;
        if (s.key === 'faults') return faults.length ? faults.map((f) => `${faultLabel(f)} @${f.at / 1e6}s`).join(' + ') : 'no faults';
        return `${s.key.split('.').pop()}=${describeValue(s.value)}`;
      });
      if (real || !sweeps.some((s) => s.key === 'strategy')) label.unshift(strategyLabel);
      if (c.repetitions > 1) label.push(`rep=${r}`);
      const id = caseId(config);
      if (seenIds.has(id)) continue; // identical config (e.g. vnodes swept over a scheme without vnodes): run once
      seenIds.add(id);
      cases.push({ id, index: cases.length, name: label.join(' '), config, ...(!real && loaded!.file ? { strategyModule: loaded!.file } : {}), ...(strategyFiles ? { strategyFiles } : {}) });
    }
  }
  // Duplicate problems (the same base-field error in every combination) are reported once.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const k = `${p.path}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (unique.length) throw new InputError(unique);
  const fingerprint = createHash('sha256').update(cases.map((c) => c.id).join(',')).digest('hex').slice(0, 16);
  return { name: suiteName, ...(description !== undefined ? { description } : {}), source, cases, fingerprint, options: runOptions, warnings: [...warnings] };
}

/** Reads and expands a suite file. */
export async function loadSuite(file: string, options: Omit<ExpandOptions, 'baseDir'> = {}): Promise<Suite> {
  const raw = await readSuiteFile(file);
  // Shown in results and replay hints: relative to the working folder when below it.
  const rel = path.relative(process.cwd(), path.resolve(file));
  const source = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return expandSuite(raw, source, { ...options, baseDir: path.dirname(path.resolve(file)) });
}
