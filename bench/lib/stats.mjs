// Statistics and number formatting shared by the runner, the report and the charts.

/** The median of a non-empty array of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A duration in nanoseconds as text with a unit that keeps 3 significant digits. */
export function fmtNs(ns) {
  if (ns < 1000) return `${sig(ns)} ns`;
  if (ns < 1e6) return `${sig(ns / 1000)} µs`;
  if (ns < 1e9) return `${sig(ns / 1e6)} ms`;
  return `${sig(ns / 1e9)} s`;
}

/** Milliseconds as text (see fmtNs). */
export function fmtMs(ms) {
  return fmtNs(ms * 1e6);
}

/** Bytes as text: B below 10 000, else kB (1000, as size-limit counts). */
export function fmtBytes(b) {
  if (b < 10_000) return `${Math.round(b)} B`;
  return `${sig(b / 1000)} kB`;
}

/** A ratio as text: 0.82×. */
export function fmtRatio(r) {
  return `${r < 10 ? r.toFixed(2) : sig(r)}×`;
}

/** A number to 3 significant digits, without exponent notation. */
export function sig(x) {
  if (x === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(digits, 3));
}
