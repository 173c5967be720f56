/**
 * The TCP relay between PostgreSQL nodes: bytes arrive in the order they were sent even when every
 * chunk draws a different delay, and a round trip through it takes the configured delay in each
 * direction (measured; the relay's own lateness is reported, not asserted as a speed).
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { Relay } from '../harness/real/relay.js';
import { Rng } from '../harness/sim/rng.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** An echo server on 127.0.0.1. */
async function echoServer(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.pipe(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(() => {
    for (const s of sockets) s.destroy();
    return new Promise((r) => server.close(() => r()));
  });
  return (server.address() as net.AddressInfo).port;
}

async function connect(port: number): Promise<net.Socket> {
  const s = net.connect(port, '127.0.0.1');
  s.setNoDelay(true);
  await new Promise<void>((r, j) => {
    s.once('connect', () => r());
    s.once('error', j);
  });
  closers.push(async () => void s.destroy());
  return s;
}

describe('relay', () => {
  it('keeps byte order on a connection although every chunk draws a different delay', async () => {
    const port = await echoServer();
    const rng = new Rng(7, 'relay-test');
    // Uniform 0–4 ms per chunk: without the ordering rule, chunks would overtake each other.
    const relay = await Relay.start({ host: '127.0.0.1', port }, () => rng.next() * 4000);
    closers.push(() => relay.close());
    const s = await connect(relay.port);
    const n = 400;
    let received = Buffer.alloc(0);
    const done = new Promise<void>((resolve) => {
      s.on('data', (d) => {
        received = Buffer.concat([received, d]);
        if (received.length >= n * 4) resolve();
      });
    });
    // 400 numbered 4-byte chunks, written with pauses so that they leave as separate chunks.
    for (let i = 0; i < n; i++) {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(i);
      s.write(b);
      if (i % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    await done;
    const got = Array.from({ length: n }, (_, i) => received.readUInt32BE(i * 4));
    expect(got).toEqual(Array.from({ length: n }, (_, i) => i));
    const st = relay.stats();
    expect(st.chunks).toBeGreaterThan(20); // the delays really were drawn per chunk, in both directions
    expect(st.drawn.max).toBeGreaterThan(2000);
  });

  it('adds the configured delay in each direction', async () => {
    const port = await echoServer();
    const delayUs = 5000;
    const direct = await connect(port);
    const relay = await Relay.start({ host: '127.0.0.1', port }, () => delayUs);
    closers.push(() => relay.close());
    const relayed = await connect(relay.port);
    const rtt = async (s: net.Socket) => {
      const t0 = performance.now();
      const back = new Promise<void>((r) => s.once('data', () => r()));
      s.write('x');
      await back;
      return (performance.now() - t0) * 1000;
    };
    const rounds = 30;
    const directUs: number[] = [];
    const relayedUs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      directUs.push(await rtt(direct));
      relayedUs.push(await rtt(relayed));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const added = median(relayedUs) - median(directUs);
    const st = relay.stats();
    console.log(`relay: round trip ${median(directUs).toFixed(0)} µs direct, ${median(relayedUs).toFixed(0)} µs through a ${delayUs} µs relay (added ${added.toFixed(0)} µs for 2 × ${delayUs}); relay lateness p50 ${st.lateness.p50} µs, p99 ${st.lateness.p99} µs over ${st.chunks} chunks`);
    // A relay cannot deliver early: every round trip takes at least both delays.
    expect(Math.min(...relayedUs)).toBeGreaterThanOrEqual(2 * delayUs);
    // And it adds the delays, not far more: 30 round trips, the median within 2 ms of 2 × 5 ms
    // (the slack covers timer wake-ups on a shared 2-core machine; the relay reports its lateness).
    expect(added).toBeGreaterThanOrEqual(2 * delayUs - 200);
    expect(added).toBeLessThan(2 * delayUs + 2000);
  });
});
