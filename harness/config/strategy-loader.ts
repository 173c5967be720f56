/**
 * Loading a user's strategy module safely, for `validate` as for `run`: each module is imported in
 * its own worker thread with a time and memory limit, so a module that exits, throws, loops or
 * exhausts memory at its top level is a clear input error instead of ending (or hanging)
 * replbench. Its parameter checks run in the same worker. The worker also records every file the
 * import loaded (outside node_modules) with a sha256 of its content: the results keep these
 * hashes, so `--resume` and `compare` can tell when the code under test changed.
 */
import { Worker } from 'node:worker_threads';
import type { ClusterShape, ReadRoute, StrategyDefinition, StrategyTraits } from '../runtime/contract.js';

/** Wall-clock limit for importing a strategy module or checking its parameters. */
export const LOAD_TIMEOUT_MS = 10_000;

/** Heap limit of a loader worker, MB. */
export const LOAD_MEMORY_MB = 512;

/** A parameter problem as the checks report it. */
export interface ParamIssue {
  readonly code?: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** For `unrecognized_keys`: the unknown keys. */
  readonly keys?: readonly string[];
}

/** The outcome of checking a strategy's parameters against a cluster. */
export interface ParamCheck {
  /** Problems reported by the strategy's `params` schema (then `params` is the raw input). */
  readonly issues: readonly ParamIssue[];
  /** The parsed parameters. */
  readonly params: Record<string, unknown>;
  /** Problems reported by its `check(params, cluster)` (only run when `issues` is empty). */
  readonly problems: readonly ParamIssue[];
  /** The strategy's traits for these parameters, defaults filled in (reads stays undefined unless declared). */
  readonly traits: { readonly writes: 'leader' | 'any' | 'nearest'; readonly reads: ReadRoute | undefined; readonly view: 'harness' | 'strategy' | 'none'; readonly order: 'counter' | 'lww' | 'vector'; readonly waitsForFollowers: boolean };
}

/**
 * Validates `raw` with a definition's `params` and `check`, and resolves its `traits` (the same
 * defaults as the contract's resolveTraits). Self-contained (no imports, no closure): the loader
 * worker runs its source text for users' modules; built-in strategies call it directly.
 */
export function checkStrategyParams(def: StrategyDefinition<any>, raw: Record<string, unknown>, cluster: ClusterShape): ParamCheck {
  const plainPath = (p: readonly PropertyKey[]) => p.map((s) => (typeof s === 'number' ? s : String(s)));
  let params = raw;
  const issues: ParamIssue[] = [];
  if (def.params) {
    const r = def.params.safeParse(raw);
    if (r.success) params = r.data as Record<string, unknown>;
    else {
      for (const i of r.error.issues as readonly { code?: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[] }[]) {
        issues.push({ ...(i.code ? { code: String(i.code) } : {}), path: plainPath(i.path), message: String(i.message), ...(Array.isArray(i.keys) ? { keys: i.keys.map(String) } : {}) });
      }
    }
  }
  const problems: ParamIssue[] = [];
  let t: StrategyTraits = {};
  if (!issues.length) {
    if (def.check) for (const p of def.check(params, cluster)) problems.push({ path: plainPath(p.path), message: String(p.message) });
    t = (typeof def.traits === 'function' ? def.traits(params, cluster) : def.traits) ?? {};
  }
  const traits = { writes: t.writes ?? 'leader', reads: t.reads, view: t.view ?? 'harness', order: t.order ?? 'counter', waitsForFollowers: !!t.waitsForFollowers } as const;
  return { issues, params, problems, traits };
}

/** ESM loader hooks (run on Node's hooks thread): report every module URL that is loaded. */
const HOOKS = `
let port;
export async function initialize(data) { port = data.port; }
export async function load(url, context, next) {
  if (url.startsWith('file:')) port.postMessage(url);
  return next(url, context);
}`;

/** The worker: imports one module, hashes the files it loaded, then answers parameter checks. */
const WORKER = `
const { parentPort, workerData, MessageChannel, receiveMessageOnPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { fileURLToPath, pathToFileURL } = require('node:url');
const moduleApi = require('node:module');
const checkStrategyParams = ${checkStrategyParams.toString()};
const seen = new MessageChannel();
seen.port1.unref();
if (typeof moduleApi.register === 'function') {
  moduleApi.register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), { data: { port: seen.port2 }, transferList: [seen.port2] });
}
let def;
const files = {};
const reply = (m) => parentPort.postMessage(m);
const isDefinition = (x) => !!x && typeof x === 'object' && typeof x.name === 'string' && typeof x.create === 'function';
import(pathToFileURL(workerData.file).href).then(
  (mod) => {
    const urls = new Set([pathToFileURL(workerData.file).href]);
    for (let m; (m = receiveMessageOnPort(seen.port1)); ) urls.add(m.message);
    for (const u of urls) {
      const p = fileURLToPath(u);
      if (/[\\\\/]node_modules[\\\\/]/.test(p)) continue;
      try { files[p] = createHash('sha256').update(readFileSync(p)).digest('hex'); } catch {}
    }
    def = mod.default ?? mod.strategy;
    if (!isDefinition(def)) reply({ type: 'loaded', error: 'must export a strategy (default export or \`strategy\`) with a name and a create(ctx, params) function' });
    else reply({ type: 'loaded', name: def.name, description: typeof def.description === 'string' ? def.description : '', files });
  },
  (err) => reply({ type: 'loaded', error: 'cannot load it: ' + String((err && err.message) || err).split('\\n')[0] }),
);
parentPort.on('message', (req) => {
  try {
    reply({ type: 'checked', id: req.id, result: checkStrategyParams(def, req.params, req.cluster) });
  } catch (err) {
    reply({ type: 'checked', id: req.id, error: String((err && err.message) || err).split('\\n')[0] });
  }
});
`;

/** A user's strategy module loaded in its worker. */
export interface LoadedModule {
  readonly name: string;
  readonly description: string;
  /** Absolute path → sha256 of every file the import loaded (outside node_modules). */
  readonly files: Readonly<Record<string, string>>;
  /** Checks parameters against a cluster in the module's worker. */
  check(params: Record<string, unknown>, cluster: ClusterShape): Promise<ParamCheck>;
}

/** Thrown when a module cannot be loaded or checked; the message says why, for the user. */
export class StrategyLoadError extends Error {}

class ModuleWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private nextId = 1;
  private failure: Error | undefined;
  readonly loaded: Promise<LoadedModule>;

  constructor(
    private readonly file: string,
    private readonly timeoutMs: number,
  ) {
    this.worker = new Worker(WORKER, { eval: true, workerData: { file }, resourceLimits: { maxOldGenerationSizeMb: LOAD_MEMORY_MB } });
    this.worker.unref();
    this.loaded = new Promise<LoadedModule>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new StrategyLoadError(`strategy file ${file} did not finish loading within ${timeoutMs / 1000} s (an endless loop or a wait at its top level?)`)), timeoutMs);
      this.waiting.set(0, { resolve: resolve as (v: unknown) => void, reject, timer });
    });
    this.loaded.catch(() => undefined);
    this.worker.on('message', (m: { type: string; id?: number; error?: string; result?: ParamCheck; name?: string; description?: string; files?: Record<string, string> }) => {
      const id = m.type === 'loaded' ? 0 : m.id!;
      const w = this.waiting.get(id);
      if (!w) return;
      this.waiting.delete(id);
      clearTimeout(w.timer);
      if (m.error !== undefined) w.reject(new StrategyLoadError(m.type === 'loaded' ? `strategy file ${file}: ${m.error}` : `strategy ${file}: its parameter checks threw: ${m.error}`));
      else if (m.type === 'loaded') w.resolve({ name: m.name!, description: m.description ?? '', files: m.files ?? {}, check: (p: Record<string, unknown>, c: ClusterShape) => this.check(p, c) });
      else w.resolve(m.result);
    });
    this.worker.on('error', (err) => this.fail(new StrategyLoadError(`strategy file ${file} failed while loading: ${err.message.split('\n')[0]}`)));
    this.worker.on('exit', (code) => this.fail(new StrategyLoadError(`strategy file ${file} ended the process while loading (process.exit(${code}) or equivalent at its top level); a strategy module must only export its definition`)));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const [id, w] of this.waiting) {
      clearTimeout(w.timer);
      w.reject(this.failure);
      this.waiting.delete(id);
    }
    void this.worker.terminate();
  }

  private check(params: Record<string, unknown>, cluster: ClusterShape): Promise<ParamCheck> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<ParamCheck>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new StrategyLoadError(`strategy ${this.file}: checking its parameters took longer than ${this.timeoutMs / 1000} s`)), this.timeoutMs);
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      try {
        this.worker.postMessage({ id, params, cluster });
      } catch (err) {
        this.waiting.delete(id);
        clearTimeout(timer);
        reject(new StrategyLoadError(`strategy ${this.file}: parameters cannot be passed to it: ${(err as Error).message}`));
      }
    });
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    this.failure ??= new StrategyLoadError('loader closed');
    for (const w of this.waiting.values()) clearTimeout(w.timer);
    this.waiting.clear();
    await this.worker.terminate();
  }
}

/** Loads users' strategy modules, one worker per file, kept until `close()`. */
export class StrategyLoader {
  private readonly workers = new Map<string, ModuleWorker>();

  /** `timeoutMs`: the limit for importing a module and for each parameter check. */
  constructor(private readonly timeoutMs = LOAD_TIMEOUT_MS) {}

  /** Imports `file` (absolute) in its own worker; rejects with a StrategyLoadError on any failure. */
  load(file: string): Promise<LoadedModule> {
    let w = this.workers.get(file);
    if (!w) {
      w = new ModuleWorker(file, this.timeoutMs);
      this.workers.set(file, w);
    }
    return w.loaded;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.close()));
    this.workers.clear();
  }
}
