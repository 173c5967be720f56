/**
 * Seeded pseudo-random numbers for the simulation.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit
 * state, passes PractRand to 2^40+ bytes). Streams are derived from (seed, name) through
 * FNV-1a and splitmix32 so that adding a stream for one component never shifts another's.
 */

/** 32-bit FNV-1a over a string, mixed with a numeric seed. */
export function hashString32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ (seed >>> 0) ^ Math.floor(seed / 4294967296)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A seeded stream of uniform numbers; `fork(name)` derives an independent stream. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The seed and stream name this generator was built from. */
  readonly seed: number;
  readonly stream: string;

  constructor(seed: number, stream = 'root') {
    this.seed = seed;
    this.stream = stream;
    const st = { s: hashString32(stream, seed) };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream named `name` below this one. */
  fork(name: string): Rng {
    return new Rng(this.seed, `${this.stream}/${name}`);
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in the open interval (0, 1): never exactly 0 or 1, so log() is safe. */
  next(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
