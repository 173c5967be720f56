/**
 * One connection to one Redis node and the key-value operations replbench runs on it. A key is a
 * hash (version, write id, value); a write is a Lua script that bumps the version and stores the
 * write id atomically and returns the new version. In `wait` mode the write is followed on the
 * same connection (pipelined) by WAIT k timeout: the write is acknowledged when WAIT answers, and
 * an answer below k (WAIT never fails the write) is reported as a fallback.
 */
import { Redis } from 'ioredis';
import type { RealSession, ReadResult, WriteAck } from '../backend.js';

/** The key of record `k`, and of the probe counter. */
export const keyOf = (k: number): string => `rb:${k}`;
export const PROBE_KEY = 'rb:probe';

/** Bumps the version and stores the write id and value; ARGV[3] = '1' inserts a missing key, else a missing key returns -1. */
const WRITE_LUA = `if ARGV[3] ~= '1' and redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local v = redis.call('HINCRBY', KEYS[1], 'v', 1)
redis.call('HSET', KEYS[1], 'w', ARGV[1], 'val', ARGV[2])
return v`;

/** Reads ARGV[2] consecutive records from ARGV[1]; returns how many exist. */
const SCAN_LUA = `local n = 0
for i = tonumber(ARGV[1]), tonumber(ARGV[1]) + tonumber(ARGV[2]) - 1 do
  if redis.call('HGET', 'rb:' .. i, 'v') then n = n + 1 end
end
return n`;

/** What WAIT adds to each write. */
export interface WaitSpec {
  readonly acks: number;
  /** WAIT's timeout in ms (0: for ever). */
  readonly timeoutMs: number;
}

/** Opens an ioredis client that fails fast (no reconnects, no offline queue: replbench's pool replaces a broken session). */
export async function connectRedis(port: number, timeoutMs = 2000): Promise<Redis> {
  const r = new Redis({ host: '127.0.0.1', port, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableReadyCheck: false, autoResubscribe: false });
  r.on('error', () => undefined); // a server that goes away fails the command in flight; the session is then dead
  r.defineCommand('rbWrite', { numberOfKeys: 1, lua: WRITE_LUA });
  r.defineCommand('rbScan', { numberOfKeys: 0, lua: SCAN_LUA });
  try {
    await r.connect();
  } catch (err) {
    r.disconnect();
    throw err;
  }
  return r;
}

type Scripted = Redis & {
  rbWrite(key: string, w: string, val: string, insert: string): Promise<number>;
  rbScan(from: string, count: string): Promise<number>;
};

let payloadCache = '';
/** A value of `n` bytes (a shared string, sliced). */
function payload(n: number): string {
  if (payloadCache.length < n) payloadCache = 'x'.repeat(Math.max(n, 2 * payloadCache.length, 4096));
  return payloadCache.slice(0, n);
}

/** A session on one Redis node. */
export class RedisSession implements RealSession {
  private constructor(readonly node: number, readonly client: Redis, readonly serverPid: number, private readonly wait: WaitSpec | null) {}

  /** Opens a session on `node` at `port`; `wait` adds WAIT after each write. */
  static async open(node: number, port: number, wait: WaitSpec | null, timeoutMs?: number): Promise<RedisSession> {
    const c = await connectRedis(port, timeoutMs);
    try {
      const id = Number(await c.call('CLIENT', 'ID'));
      return new RedisSession(node, c, id, wait);
    } catch (err) {
      c.disconnect();
      throw err;
    }
  }

  /** Whether the connection broke. */
  get broken(): boolean {
    return this.client.status === 'end' || this.client.status === 'close';
  }

  async write(key: number, writeId: number, bytes: number, insert: boolean): Promise<WriteAck> {
    const c = this.client as Scripted;
    const write = c.rbWrite(keyOf(key), String(writeId), payload(bytes), insert ? '1' : '0');
    if (!this.wait) {
      const v = Number(await write);
      if (v < 0) throw new Error(`key ${key} does not exist`);
      return { version: v, fallback: false };
    }
    // Pipelined on this connection: WAIT runs right after the write, and answers how many replicas acknowledged it.
    const acked = c.call('WAIT', this.wait.acks, this.wait.timeoutMs) as Promise<number>;
    const [v, n] = await Promise.all([write, acked]);
    if (Number(v) < 0) throw new Error(`key ${key} does not exist`);
    return { version: Number(v), fallback: Number(n) < this.wait.acks };
  }

  async read(key: number): Promise<ReadResult> {
    const [v, w, val] = (await this.client.hmget(keyOf(key), 'v', 'w', 'val')) as (string | null)[];
    if (v === null || v === undefined) return { writeId: -1, version: -1, bytes: 0 };
    return { writeId: Number(w), version: Number(v), bytes: val?.length ?? 0 };
  }

  async scan(from: number, count: number): Promise<number> {
    return Number(await (this.client as Scripted).rbScan(String(from), String(count)));
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
