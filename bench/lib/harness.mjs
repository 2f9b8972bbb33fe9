// The in-process side of a benchmark case: argument parsing, timed runs after a
// warm-up, result checks, and the one JSON line the runner reads.
//
// A case is `node bench/workloads/wN-….mjs --impl NAME --n N --runs R --warmup W`.
// It prints exactly one line starting with `BENCH ` followed by JSON:
//   { "impl", "n", "unit": "ms" | "bytes", "samples": [...] }
// Anything else on stdout is ignored; a failed check exits non-zero.

/** Parses `--key value` pairs into an object of strings. */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const key = a.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[key] = 'true';
    else {
      out[key] = next;
      i++;
    }
  }
  return out;
}

/** The case's options: impl, n, runs, warmup (numbers parsed). */
export function options() {
  const a = parseArgs();
  if (a.impl === undefined) throw new Error('missing --impl');
  const n = Number(a.n ?? '1000');
  if (!Number.isInteger(n) || n <= 0)
    throw new RangeError(`--n must be a positive integer, got ${a.n}`);
  return {
    ...a,
    impl: a.impl,
    n,
    runs: Number(a.runs ?? '1'),
    warmup: Number(a.warmup ?? '0'),
  };
}

/** Throws (and so fails the case) unless `actual === expected`. */
export function check(what, actual, expected) {
  if (actual !== expected) {
    throw new Error(`check failed: ${what}: got ${String(actual)}, expected ${String(expected)}`);
  }
}

/** The sum 0 + 1 + … + (n - 1), the result most cases check. */
export function triangle(n) {
  return (n * (n - 1)) / 2;
}

const gc = globalThis.gc;

/** Collects garbage if the process runs with --expose-gc (the runner passes it). */
export function collect() {
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

/**
 * Runs `fn(n)` `warmup` times untimed, then `runs` times timed (a full GC before
 * each), calling `verify(result)` after every run. Prints the samples in ms, less
 * `extra.subtract` ms each (W4's real-clock overhead: wall time past the longest
 * delay).
 */
export async function timeRuns(opts, fn, verify, extra = {}) {
  const subtract = extra.subtract ?? 0;
  for (let i = 0; i < opts.warmup; i++) {
    const r = await fn(opts.n);
    verify(r !== null && typeof r === 'object' && typeof r.elapsedMs === 'number' ? r.value : r);
  }
  const samples = [];
  for (let i = 0; i < opts.runs; i++) {
    collect();
    const t0 = performance.now();
    const r = await fn(opts.n);
    let dt = performance.now() - t0;
    // A case that times only part of its run (W8: the cancellation, not the setup)
    // returns { elapsedMs, value }.
    if (r !== null && typeof r === 'object' && typeof r.elapsedMs === 'number') {
      dt = r.elapsedMs;
      verify(r.value);
    } else verify(r);
    samples.push(dt - subtract);
  }
  emit({
    impl: opts.impl,
    n: opts.n,
    unit: 'ms',
    samples,
    ...(extra.metric ? { metric: extra.metric } : {}),
  });
}

/** Prints the result line. */
export function emit(result) {
  console.log(`BENCH ${JSON.stringify(result)}`);
}

/** Runs `main`; reports a failure on stderr with a non-zero exit code. */
export function main(fn) {
  Promise.resolve()
    .then(fn)
    .catch((e) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exitCode = 1;
    });
}

/** The sum of an array of numbers (the workloads' check of their results). */
export function sumOf(results) {
  let s = 0;
  for (let i = 0; i < results.length; i++) s += results[i];
  return s;
}

/** A small seeded PRNG (mulberry32) so every implementation sees the same delays. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` whole-millisecond delays in [0, max], from a fixed seed. */
export function delays(n, max, seed = 42) {
  const r = rng(seed);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = Math.floor(r() * (max + 1));
  return d;
}
