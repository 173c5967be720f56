/**
 * The simulator's event queue: events ordered by (time, sequence number), the sequence number
 * counting every push, exactly as a single binary heap would order them (ties in time are broken
 * by push order, which makes runs deterministic).
 *
 * It is faster than one heap because most events come in *lanes*: streams whose times never
 * decrease in push order (a fifo node link, where a message never arrives before the one sent
 * before it; a constant-latency client link, where every event is now + the same delay). A lane
 * is a FIFO ring; only its head sits in the heap. Pushing behind a lane's tail costs O(1), and the
 * heap holds a few lane heads instead of every message in flight (hundreds when fifo links
 * hold messages behind a slow one). Merging sorted lanes through a heap yields the global
 * (time, seq) order, so the order of events is the same as with one heap: an event that would
 * not keep its lane sorted (earlier than the lane's tail) simply goes into the heap on its own.
 */
import { grown } from '../typed-arrays.js';

/** A FIFO of events with non-decreasing times (create with `LaneQueue.lane()`). */
export class Lane<P> {
  times = new Float64Array(16);
  seqs = new Float64Array(16);
  kinds = new Int32Array(16);
  payloads = new Array<P | undefined>(16);
  mask = 15;
  head = 0;
  count = 0;
  /** Time of the newest event in the lane. */
  last = 0;
  constructor(readonly id: number) {}

  /** Doubles the ring, keeping the order of its events. */
  grow(): void {
    const cap = this.times.length;
    const times = new Float64Array(cap * 2);
    const seqs = new Float64Array(cap * 2);
    const kinds = new Int32Array(cap * 2);
    const payloads = new Array<P | undefined>(cap * 2);
    for (let i = 0; i < this.count; i++) {
      const j = (this.head + i) & this.mask;
      times[i] = this.times[j]!;
      seqs[i] = this.seqs[j]!;
      kinds[i] = this.kinds[j]!;
      payloads[i] = this.payloads[j];
    }
    this.times = times;
    this.seqs = seqs;
    this.kinds = kinds;
    this.payloads = payloads;
    this.head = 0;
    this.mask = cap * 2 - 1;
  }
}

/** A min-queue of events by (time, push order), with lanes (see the file header). */
export class LaneQueue<P> {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  /** The lane of each heap entry (-1: an event on its own). */
  private laneOf: Int32Array;
  private payloads: (P | undefined)[];
  private readonly laneList: Lane<P>[] = [];
  private n = 0;
  private total = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.laneOf = new Int32Array(capacity);
    this.payloads = new Array<P | undefined>(capacity);
  }

  /** A new lane. */
  lane(): Lane<P> {
    const l = new Lane<P>(this.laneList.length);
    this.laneList.push(l);
    return l;
  }

  /** Number of pending events. */
  get size(): number {
    return this.total;
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
    this.total++;
    this.insert(time, this.nextSeq++, kind, payload, -1);
  }

  /** Schedules an event in `lane`: behind its tail if `time` keeps the lane sorted, else on its own (same order either way). */
  pushLane(lane: Lane<P>, time: number, kind: number, payload: P): void {
    const count = lane.count;
    if (count > 0 && time < lane.last) {
      this.push(time, kind, payload);
      return;
    }
    this.total++;
    const seq = this.nextSeq++;
    if (count === lane.times.length) lane.grow();
    const j = (lane.head + count) & lane.mask;
    lane.times[j] = time;
    lane.seqs[j] = seq;
    lane.kinds[j] = kind;
    lane.payloads[j] = payload;
    lane.count = count + 1;
    lane.last = time;
    if (count === 0) this.insert(time, seq, kind, payload, lane.id);
  }

  private insert(time: number, seq: number, kind: number, payload: P, laneId: number): void {
    if (this.n === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const laneOf = this.laneOf;
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
      laneOf[i] = laneOf[p]!;
      payloads[i] = payloads[p];
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    kinds[i] = kind;
    laneOf[i] = laneId;
    payloads[i] = payload;
  }

  /** Removes the earliest event and returns its payload; read its time and kind with peek* first. */
  pop(): P {
    const top = this.payloads[0] as P;
    this.total--;
    const laneId = this.laneOf[0]!;
    if (laneId >= 0) {
      const lane = this.laneList[laneId]!;
      lane.payloads[lane.head] = undefined;
      lane.head = (lane.head + 1) & lane.mask;
      if (--lane.count > 0) {
        // The lane's next event replaces the root: one sift down instead of a removal and an insertion.
        const h = lane.head;
        this.siftDown(lane.times[h]!, lane.seqs[h]!, lane.kinds[h]!, laneId, lane.payloads[h], this.n);
        return top;
      }
    }
    const last = --this.n;
    if (last > 0) this.siftDown(this.times[last]!, this.seqs[last]!, this.kinds[last]!, this.laneOf[last]!, this.payloads[last], last);
    this.payloads[last] = undefined;
    return top;
  }

  /** Places the entry (t, s, k, l, pl) at the root of a heap of `n` entries and sifts it down. */
  private siftDown(t: number, s: number, k: number, l: number, pl: P | undefined, n: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const laneOf = this.laneOf;
    const payloads = this.payloads;
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      let ct = times[c]!;
      let cs = seqs[c]!;
      const r = c + 1;
      if (r < n) {
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
      laneOf[i] = laneOf[c]!;
      payloads[i] = payloads[c];
      i = c;
    }
    times[i] = t;
    seqs[i] = s;
    kinds[i] = k;
    laneOf[i] = l;
    payloads[i] = pl;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    this.times = grown(this.times, cap);
    this.seqs = grown(this.seqs, cap);
    this.kinds = grown(this.kinds, cap);
    this.laneOf = grown(this.laneOf, cap);
    this.payloads.length = cap;
  }
}
