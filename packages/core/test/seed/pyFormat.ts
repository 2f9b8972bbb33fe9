/**
 * Python's `print` formatting for the values the seed examples print: `None`,
 * `True`/`False`, lists (`[None, None]`, `[11, 11]`), numbers and strings — so the
 * aio ports can be compared with CPython's output text.
 */

/** `repr(x)` for the values the seed prints (list items). */
export function pyRepr(x: unknown): string {
  if (typeof x === 'string') return `'${x.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return pyStr(x);
}

/** `str(x)`: what `print(x)` writes. */
export function pyStr(x: unknown): string {
  if (x === undefined || x === null) return 'None';
  if (x === true) return 'True';
  if (x === false) return 'False';
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return Number.isInteger(x) ? String(x) : String(x);
  if (Array.isArray(x)) return `[${x.map(pyRepr).join(', ')}]`;
  if (x instanceof Error) return x.message;
  return String(x);
}

/** `f"{t:4.1f}"`: one decimal, right-aligned in four columns. */
export function pyFixed41(t: number): string {
  return t.toFixed(1).padStart(4);
}
