/**
 * The recorder's histogram counts values in HDR buckets itself and builds Node's native HDR
 * histogram only for read-outs: every read-out (count, mean, min, max, percentiles, the curve)
 * must equal what recording each value natively gives, for small, large, fractional and zero
 * values, for merged histograms, and after recording more once read.
 */
import { createHistogram } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { Histogram, hdrIndex, hdrValueAt } from '../harness/metrics/histogram.js';
import { Rng } from '../harness/sim/rng.js';

/** The previous implementation: every value recorded natively (+1, as Node rejects 0). */
class NativeHistogram {
  private readonly h = createHistogram({ lowest: 1, highest: Number.MAX_SAFE_INTEGER, figures: 3 });
  record(value: number): void {
    this.h.record(value > 0 ? Math.round(value) + 1 : 1);
  }
  add(o: NativeHistogram): void {
    this.h.add(o.h);
  }
  percentile(p: number): number {
    return this.h.percentile(p) - 1;
  }
  summary() {
    const h = this.h;
    const curve: [number, number][] = [];
    for (const [pct, value] of h.percentiles) curve.push([pct, value - 1]);
    const p = (x: number) => h.percentile(x) - 1;
    return { count: h.count, mean: h.mean - 1, min: h.min - 1, p50: p(50), p90: p(90), p99: p(99), p999: p(99.9), max: h.max - 1, curve };
  }
}

const draws: Record<string, (r: Rng) => number> = {
  exponential: (r) => -1000 * Math.log(r.next()),
  lognormal: (r) => Math.exp(8 + 2 * Math.sqrt(-2 * Math.log(r.next())) * Math.cos(2 * Math.PI * r.next())),
  small: (r) => r.int(3000),
  zeros: (r) => (r.next() < 0.3 ? 0 : r.next() * 5),
  huge: (r) => Math.floor(r.next() * 2 ** 52),
  mixed: (r) => (r.next() < 0.001 ? 1e10 * r.next() : 100 + r.int(50)),
};

describe('histogram read-outs match Node HDR', () => {
  it('maps every value to the bucket HDR uses, and each bucket back to its lowest value', () => {
    const values = [1, 2, 2047, 2048, 2049, 4095, 4096, 123456, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 12345, 2 ** 40 + 7, 2 ** 53 - 1];
    for (const v of values) {
      const i = hdrIndex(v);
      expect(hdrValueAt(i)).toBeLessThanOrEqual(v);
      expect(hdrIndex(hdrValueAt(i))).toBe(i);
      expect(hdrIndex(hdrValueAt(i + 1))).toBe(i + 1);
      expect(hdrValueAt(i + 1)).toBeGreaterThan(v);
    }
  });

  for (const [name, draw] of Object.entries(draws)) {
    it(`${name}: summaries equal`, () => {
      const rng = new Rng(7, name);
      const ours = new Histogram();
      const native = new NativeHistogram();
      for (let i = 0; i < 200_000; i++) {
        const v = draw(rng);
        ours.record(v);
        native.record(v);
      }
      expect(ours.summary()).toEqual(native.summary());
      // Recording after a read-out is counted too.
      for (let i = 0; i < 1000; i++) {
        const v = draw(rng);
        ours.record(v);
        native.record(v);
      }
      expect(ours.summary()).toEqual(native.summary());
    });
  }

  it('merged histograms equal merged native ones', () => {
    const rng = new Rng(9, 'merge');
    const a = new Histogram();
    const b = new Histogram();
    const na = new NativeHistogram();
    const nb = new NativeHistogram();
    for (let i = 0; i < 50_000; i++) {
      const x = draws.lognormal!(rng);
      const y = draws.exponential!(rng) * 50;
      a.record(x);
      na.record(x);
      b.record(y);
      nb.record(y);
    }
    a.add(b);
    na.add(nb);
    expect(a.summary()).toEqual(na.summary());
    for (const p of [0.1, 25, 99.99, 100]) expect(a.percentile(p)).toBe(na.percentile(p));
  });

  it('an empty histogram reads as zeros', () => {
    expect(new Histogram().summary()).toEqual({ count: 0, mean: 0, min: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, curve: [] });
  });
});
