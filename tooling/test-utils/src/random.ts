/**
 * A seeded pseudo-random generator for tests whose inputs are random but must
 * reproduce (a failing seed fails the same way on every run).
 *
 * @module
 */

/**
 * mulberry32: a deterministic generator of numbers in [0, 1) from a 32-bit seed.
 *
 * @example
 * ```ts
 * const rnd = seededRandom(42);
 * const delays = Array.from({ length: 3 }, () => Math.floor(rnd() * 1000));
 * // the same three delays on every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
