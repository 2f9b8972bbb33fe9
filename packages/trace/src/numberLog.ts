/**
 * An append-only log of records of six numbers, in fixed-size `Float64Array` chunks:
 * appending never copies what is there, and the garbage collector never scans it (a
 * plain array of numbers would be copied at each growth and walked at each collection).
 *
 * @internal
 * @module
 */

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
