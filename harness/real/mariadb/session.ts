/**
 * One connection to one MariaDB node (mysql2) and the key-value operations replbench runs on it.
 * A write bumps the key's version under its row lock and stores the write id, then returns the new
 * version in the same round trip (`UPDATE … SET v = (@v := v + 1) …; SELECT @v`; an insert is
 * `INSERT … ON DUPLICATE KEY UPDATE … RETURNING v`); a read returns version and write id.
 */
import mysql from 'mysql2/promise';
import type { RealSession, ReadResult, WriteAck } from '../backend.js';

/** The database every cluster holds. */
export const DATABASE = 'replbench';

/** The tables (created in the template). */
export const SCHEMA_SQL = [
  `CREATE DATABASE IF NOT EXISTS ${DATABASE}`,
  `CREATE TABLE IF NOT EXISTS ${DATABASE}.replbench_kv (k BIGINT PRIMARY KEY, v BIGINT NOT NULL, w BIGINT NOT NULL, val LONGTEXT NOT NULL) ENGINE=InnoDB`,
  `CREATE TABLE IF NOT EXISTS ${DATABASE}.replbench_probe (id INT PRIMARY KEY, n BIGINT NOT NULL) ENGINE=InnoDB`,
  `INSERT IGNORE INTO ${DATABASE}.replbench_probe VALUES (0, 0)`,
];

// ROW_COUNT() is the UPDATE's: a missing key leaves @v as it was, so it answers -1 instead.
const UPDATE = 'UPDATE replbench_kv SET v = (@v := v + 1), w = ?, val = ? WHERE k = ?; SELECT IF(ROW_COUNT() > 0, @v, -1) AS v';
const UPSERT = 'INSERT INTO replbench_kv (k, v, w, val) VALUES (?, 1, ?, ?) ON DUPLICATE KEY UPDATE v = v + 1, w = VALUES(w), val = VALUES(val) RETURNING v';
const READ = 'SELECT v, w, val FROM replbench_kv WHERE k = ?';
const SCAN = 'SELECT k, v FROM replbench_kv WHERE k >= ? ORDER BY k LIMIT ?';

/** Opens a connection to 127.0.0.1:`port` as root (no password: the server listens on 127.0.0.1 only), in `database` (null: none). */
export async function connectMariadb(port: number, timeoutMs = 5000, database: string | null = DATABASE): Promise<mysql.Connection> {
  const c = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', ...(database ? { database } : {}), multipleStatements: true, connectTimeout: timeoutMs, supportBigNumbers: true });
  c.on('error', () => undefined); // a server that goes away fails the query in flight; the session is then dead
  return c;
}

let payloadCache = '';
/** A value of `n` bytes (a shared string, sliced). */
function payload(n: number): string {
  if (payloadCache.length < n) payloadCache = 'x'.repeat(Math.max(n, 2 * payloadCache.length, 4096));
  return payloadCache.slice(0, n);
}

/** A session on one MariaDB node. */
export class MariadbSession implements RealSession {
  private dead = false;

  constructor(readonly node: number, readonly conn: mysql.Connection) {
    conn.on('error', () => {
      this.dead = true;
    });
    conn.on('end', () => {
      this.dead = true;
    });
  }

  /** Opens a session on `node` at `port`. */
  static async open(node: number, port: number, timeoutMs?: number): Promise<MariadbSession> {
    return new MariadbSession(node, await connectMariadb(port, timeoutMs));
  }

  /** The connection id (for KILL QUERY). */
  get serverPid(): number {
    return this.conn.threadId ?? -1;
  }

  get broken(): boolean {
    return this.dead;
  }

  async write(key: number, writeId: number, bytes: number, insert: boolean): Promise<WriteAck> {
    if (insert) {
      const [rows] = await this.conn.query(UPSERT, [key, writeId, payload(bytes)]);
      return { version: Number((rows as { v: number }[])[0]!.v), fallback: false };
    }
    const [results] = await this.conn.query(UPDATE, [writeId, payload(bytes), key]);
    const v = Number(((results as unknown[])[1] as { v: number | string }[])[0]!.v);
    if (v < 0) throw new Error(`key ${key} does not exist`);
    return { version: v, fallback: false };
  }

  async read(key: number): Promise<ReadResult> {
    const [rows] = await this.conn.execute(READ, [key]);
    const r = (rows as { v: number | string; w: number | string; val: string }[])[0];
    if (!r) return { writeId: -1, version: -1, bytes: 0 };
    return { writeId: Number(r.w), version: Number(r.v), bytes: r.val.length };
  }

  async scan(from: number, count: number): Promise<number> {
    const [rows] = await this.conn.query(SCAN, [from, count]);
    return (rows as unknown[]).length;
  }

  async ping(): Promise<void> {
    await this.conn.query('DO 1');
  }

  private chain: Promise<unknown> = Promise.resolve();

  /** Runs any statement (set-up, probes, views); statements on one session run one after another. */
  sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    const run = this.chain.then(
      () => this.conn.query(text, values),
      () => this.conn.query(text, values),
    );
    this.chain = run.catch(() => undefined);
    return run.then(([rows]) => rows as T[]);
  }

  /** Closes the connection (without waiting on a server that went away). */
  async close(): Promise<void> {
    this.dead = true;
    await Promise.race([this.conn.end().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
    this.conn.destroy();
  }
}
