/**
 * One connection to one PostgreSQL node and the key-value operations replbench runs on it. Every
 * write bumps the key's version under its row lock (`v = v + 1 … RETURNING v`) and stores the
 * write id; a read returns both, so staleness is judged by version exactly as in the simulator.
 */
import pg from 'pg';
import type { RealSession, ReadResult, WriteAck } from '../backend.js';

/** The table and probe row every cluster holds (created in the template). */
export const SCHEMA_SQL = [
  'CREATE TABLE IF NOT EXISTS replbench_kv (k bigint PRIMARY KEY, v bigint NOT NULL, w bigint NOT NULL, val text NOT NULL) WITH (fillfactor = 80)',
  'CREATE TABLE IF NOT EXISTS replbench_probe (id int PRIMARY KEY, n bigint NOT NULL)',
  'INSERT INTO replbench_probe VALUES (0, 0) ON CONFLICT (id) DO NOTHING',
];

const UPDATE = 'UPDATE replbench_kv SET v = v + 1, w = $2, val = $3 WHERE k = $1 RETURNING v';
const UPSERT = 'INSERT INTO replbench_kv AS kv (k, v, w, val) VALUES ($1, 1, $2, $3) ON CONFLICT (k) DO UPDATE SET v = kv.v + 1, w = EXCLUDED.w, val = EXCLUDED.val RETURNING v';
const READ = 'SELECT v, w, val FROM replbench_kv WHERE k = $1';
const SCAN = 'SELECT k, v FROM replbench_kv WHERE k >= $1 ORDER BY k LIMIT $2';

/** Connection parameters of one node. */
export interface PgTarget {
  readonly host: string;
  readonly port: number;
  readonly user?: string;
  readonly database?: string;
  /** A connection string instead (an existing cluster). */
  readonly url?: string;
}

/** Opens a client; rejects after `timeoutMs`. */
export async function connectPg(t: PgTarget, timeoutMs = 5000): Promise<pg.Client> {
  const c = t.url
    ? new pg.Client({ connectionString: t.url, connectionTimeoutMillis: timeoutMs })
    : new pg.Client({ host: t.host, port: t.port, user: t.user ?? 'postgres', database: t.database ?? 'postgres', connectionTimeoutMillis: timeoutMs });
  c.on('error', () => undefined); // a server that goes away fails the query in flight; the session is then dead
  await c.connect();
  return c;
}

let payloadCache = '';
/** A value of `n` bytes (a shared string, sliced). */
function payload(n: number): string {
  if (payloadCache.length < n) payloadCache = 'x'.repeat(Math.max(n, 2 * payloadCache.length, 4096));
  return payloadCache.slice(0, n);
}

/** A session on one PostgreSQL node. */
export class PgSession implements RealSession {
  private dead = false;

  constructor(readonly node: number, private readonly client: pg.Client) {
    client.on('error', () => {
      this.dead = true;
    });
    client.on('end', () => {
      this.dead = true;
    });
  }

  /** Opens a session on `node`. */
  static async open(node: number, target: PgTarget, timeoutMs?: number): Promise<PgSession> {
    return new PgSession(node, await connectPg(target, timeoutMs));
  }

  /** The server process serving this session (for pg_cancel_backend). */
  get serverPid(): number {
    return (this.client as unknown as { processID: number | null }).processID ?? -1;
  }

  /** Whether the connection broke. */
  get broken(): boolean {
    return this.dead;
  }

  /** Updates (or, for an insert, upserts) `key` with write id `writeId`; returns the new version. */
  async write(key: number, writeId: number, bytes: number, insert: boolean): Promise<WriteAck> {
    const r = await this.client.query({ name: insert ? 'upsert' : 'update', text: insert ? UPSERT : UPDATE, values: [key, writeId, payload(bytes)] });
    if (r.rows.length === 0) throw new Error(`key ${key} does not exist`);
    return { version: Number(r.rows[0].v), fallback: false };
  }

  /** A round trip with no work (an empty query). */
  async ping(): Promise<void> {
    await this.client.query({ name: 'ping', text: 'SELECT 1' });
  }

  /** Reads `key`: the write id and version it holds, and the value's size. */
  async read(key: number): Promise<ReadResult> {
    const r = await this.client.query({ name: 'read', text: READ, values: [key] });
    if (r.rows.length === 0) return { writeId: -1, version: -1, bytes: 0 };
    const row = r.rows[0] as { v: string; w: string; val: string };
    return { writeId: Number(row.w), version: Number(row.v), bytes: row.val.length };
  }

  /** Reads `count` keys from `from` on; returns the rows read. */
  async scan(from: number, count: number): Promise<number> {
    const r = await this.client.query({ name: 'scan', text: SCAN, values: [from, count] });
    return r.rows.length;
  }

  private chain: Promise<unknown> = Promise.resolve();

  /** Runs any statement (set-up, probes, views); statements on one session run one after another. */
  sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    const run = this.chain.then(
      () => this.client.query(text, values),
      () => this.client.query(text, values),
    );
    this.chain = run.catch(() => undefined);
    return run.then((r) => r.rows as T[]);
  }

  /** Closes the connection (without waiting on a server that went away). */
  async close(): Promise<void> {
    this.dead = true;
    await Promise.race([this.client.end().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
  }
}
