/**
 * The relays of one cluster, run in a worker thread (relay-worker.ts): start one per link, read
 * their measurements, close them all. The worker loads compiled JavaScript (dist/), like the
 * simulator's worker pool.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DistSpec } from '../sim/distributions.js';
import { PACKAGE_ROOT } from '../version.js';
import type { RelayStats } from './relay.js';
import type { RelayRequest } from './relay-worker.js';

/** The compiled worker: beside this module when it is compiled, else in dist/ (tests run the TypeScript sources). */
function workerFile(): string {
  const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'relay-worker.js');
  return existsSync(here) ? here : path.join(PACKAGE_ROOT, 'dist', 'harness', 'real', 'relay-worker.js');
}

type Reply = { id: number; port?: number; stats?: RelayStats[]; error?: string };
/** A request without its id (each member of the union). */
type Request = RelayRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** Does a link's delay distribution add nothing (so it needs no relay)? */
export function needsNoRelay(d: DistSpec): boolean {
  return d.dist === 'constant' && d.value === 0;
}

/** A worker thread of relays (started with the first relay). */
export class RelayHost {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private readonly links: string[] = [];
  private final: RelayStats[] | null = null;
  private dead: Error | null = null;

  private spawn(): Worker {
    const file = workerFile();
    if (!existsSync(file)) throw new Error(`relay worker ${file} is missing: run \`npm run build\` first`);
    const w = new Worker(file);
    w.on('message', (r: Reply) => {
      this.waiting.get(r.id)?.(r);
      this.waiting.delete(r.id);
    });
    w.on('error', (err) => {
      this.dead = err;
      for (const cb of this.waiting.values()) cb({ id: -1, error: err.message });
      this.waiting.clear();
    });
    return w;
  }

  private ask(req: Request): Promise<Reply> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.final) return Promise.reject(new Error('relays closed'));
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (r) => (r.error ? reject(new Error(`relay: ${r.error}`)) : resolve(r)));
      worker.postMessage({ ...req, id } as RelayRequest);
    });
  }

  /** Starts a relay named `link` to `target`, delaying each chunk by a draw from `delay` (seeded by seed and link); resolves with its port. */
  async start(link: string, target: { host: string; port: number }, delay: DistSpec, seed: number): Promise<number> {
    const r = await this.ask({ type: 'start', target, delay, seed, stream: `relay ${link}` });
    this.links.push(link);
    return r.port!;
  }

  /** Each relay's measurements, by link. */
  async stats(): Promise<({ link: string } & RelayStats)[]> {
    const s = this.final ?? (this.links.length ? (await this.ask({ type: 'stats' })).stats! : []);
    return s.map((x, i) => ({ link: this.links[i]!, ...x }));
  }

  /** Closes every relay and stops the worker (measurements stay readable). */
  async close(): Promise<void> {
    if (this.final) return;
    let final: RelayStats[] = [];
    try {
      if (this.worker && this.links.length) final = (await this.ask({ type: 'close' })).stats!;
    } catch {
      final = [];
    }
    this.final = final;
    await this.worker?.terminate();
  }
}
