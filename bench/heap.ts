/**
 * The bare loop's event queue: one binary min-heap ordered by (time, sequence number), kept in
 * parallel typed arrays so that pushes and pops allocate nothing once the heap has grown; ties in
 * time are broken by insertion order. It was the simulator's queue when the speed targets were set,
 * and stays the yardstick's as it was (the simulator now uses harness/sim/lane-queue.ts, which
 * orders events the same way with fewer heap entries): a faster yardstick would move every ratio.
 */
export class EventQueue<P> {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private payloads: (P | undefined)[];
  private n = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.payloads = new Array<P | undefined>(capacity);
  }

  /** Number of pending events. */
  get size(): number {
    return this.n;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.n > 0 ? this.times[0]! : Infinity;
  }

  /** Kind of the earliest event (only valid when size > 0). */
  peekKind(): number {
    return this.kinds[0]!;
  }

  /** Total number of events ever pushed. */
  get pushed(): number {
    return this.nextSeq;
  }

  /** Schedules an event of `kind` carrying `payload` at virtual time `time`. */
  push(time: number, kind: number, payload: P): void {
    if (this.n === this.times.length) this.grow();
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const payloads = this.payloads;
    let i = this.n++;
    // Sift up.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < time || (pt === time && seqs[p]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[p]!;
      kinds[i] = kinds[p]!;
      payloads[i] = payloads[p];
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    kinds[i] = kind;
    payloads[i] = payload;
  }

  /** Removes the earliest event and returns its payload; read its time and kind with peek* first. */
  pop(): P {
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const payloads = this.payloads;
    const top = payloads[0] as P;
    const last = --this.n;
    if (last > 0) {
      const t = times[last]!;
      const s = seqs[last]!;
      const k = kinds[last]!;
      const pl = payloads[last];
      let i = 0;
      const half = last >> 1;
      while (i < half) {
        let c = 2 * i + 1;
        let ct = times[c]!;
        let cs = seqs[c]!;
        const r = c + 1;
        if (r < last) {
          const rt = times[r]!;
          if (rt < ct || (rt === ct && seqs[r]! < cs)) {
            c = r;
            ct = rt;
            cs = seqs[r]!;
          }
        }
        if (t < ct || (t === ct && s < cs)) break;
        times[i] = ct;
        seqs[i] = cs;
        kinds[i] = kinds[c]!;
        payloads[i] = payloads[c];
        i = c;
      }
      times[i] = t;
      seqs[i] = s;
      kinds[i] = k;
      payloads[i] = pl;
    }
    payloads[last] = undefined;
    return top;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const t = new Float64Array(cap);
    t.set(this.times);
    const s = new Float64Array(cap);
    s.set(this.seqs);
    const k = new Int32Array(cap);
    k.set(this.kinds);
    this.times = t;
    this.seqs = s;
    this.kinds = k;
    this.payloads.length = cap;
  }
}
