/**
 * The recorder's log: what it writes (recorder.ts) and what the export reads
 * (chromeTrace.ts), defined once here.
 *
 * The log is append-only, records of six numbers `[kind, a, b, c, d, e]`, in fixed-size
 * `Float64Array` chunks: appending never copies what is there, and the garbage collector
 * never scans it (a plain array of numbers would be copied at each growth and walked at
 * each collection). Times are ns of loop time, each distinct (see recorder.ts); `tid` is
 * a track: a task's id, or 0 for the event loop's own track. Strings are indexes into the
 * recorder's interned strings.
 *
 * @internal
 * @module
 */

/** @internal A step: tid, begin, end, its number, text (`i ≥ 0`: what it waits on next; `-(i + 2)`: its outcome; `-1`: none). */
export const K_STEP = 1;
/** @internal An arrow from a step (or the event loop) to the step it woke: flow id, source tid, source time, target tid, target time. */
export const K_WAKE = 2;
/** @internal An arrow from a parent's step to its child's first step: as {@link K_WAKE}. */
export const K_SPAWN = 3;
/** @internal A slice on the event loop track (an idle wait, a callback that woke tasks): begin, end, label, -, -. */
export const K_LOOP = 4;
/** @internal A cancel request: tid, time, by (tid; 0: a callback), message (-1: none), -. */
export const K_CANCEL = 5;
/** @internal The recorder stopped at its step limit: time, -, -, -, -. */
export const K_STOPPED = 6;

/** @internal Numbers per record. */
export const REC = 6;
/** Records per chunk (a chunk is 6 × 8192 × 8 bytes = 384 KiB). */
const PER_CHUNK = 8192;
const CHUNK = REC * PER_CHUNK;

/** @internal See the module comment. */
export class NumberLog {
  readonly #chunks: Float64Array[] = [];
  #cur: Float64Array = new Float64Array(0);
  #pos = 0; // next free slot in #cur
  #length = 0; // numbers in the log

  /** How many numbers the log holds (a multiple of {@link REC}). */
  get length(): number {
    return this.#length;
  }

  /** Appends one record. */
  push(a: number, b: number, c: number, d: number, e: number, f: number): void {
    let cur = this.#cur;
    let p = this.#pos;
    if (p === cur.length) {
      cur = new Float64Array(CHUNK);
      this.#chunks.push(cur);
      this.#cur = cur;
      p = 0;
    }
    cur[p] = a;
    cur[p + 1] = b;
    cur[p + 2] = c;
    cur[p + 3] = d;
    cur[p + 4] = e;
    cur[p + 5] = f;
    this.#pos = p + REC;
    this.#length += REC;
  }

  /** The number at index `i` (`0 ≤ i < length`). */
  get(i: number): number {
    return (this.#chunks[Math.floor(i / CHUNK)] as Float64Array)[i % CHUNK] as number;
  }

  /** Replaces the number at index `i` (`0 ≤ i < length`). */
  set(i: number, v: number): void {
    (this.#chunks[Math.floor(i / CHUNK)] as Float64Array)[i % CHUNK] = v;
  }
}
