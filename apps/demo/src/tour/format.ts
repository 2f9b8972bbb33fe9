/**
 * Python-style printing for the tour, so its lines read exactly like the seed's
 * (`print(f"[{t:4.1f}s]", *args)`).
 *
 * @module
 */

/**
 * The timestamp column of the seed: seconds with one decimal, padded to 4
 * characters (`[ 1.0s]`, `[12.5s]`), from milliseconds.
 *
 * @example
 * ```ts
 * stamp(1000); // '[ 1.0s]'
 * stamp(500); // '[ 0.5s]'
 * ```
 */
export function stamp(ms: number): string {
  const s = ms / 1000;
  // Python formats -0.04 as '-0.0'; elapsed time is never negative, so clamp.
  return `[${Math.max(0, s).toFixed(1).padStart(4)}s]`;
}

/**
 * Python's `str()` of a value: `None`, `True`/`False`, lists as `[a, b]` with the
 * `repr()` of their items, an error as its message.
 *
 * @example
 * ```ts
 * pyStr([undefined, undefined]); // '[None, None]'
 * pyStr(true); // 'True'
 * ```
 */
export function pyStr(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof Error) return x.message;
  return pyRepr(x);
}

/**
 * Python's `repr()` of a value: strings in single quotes, the rest as
 * {@link pyStr}.
 *
 * @example
 * ```ts
 * pyRepr(['a', 1]); // "['a', 1]"
 * ```
 */
export function pyRepr(x: unknown): string {
  if (x === undefined || x === null) return 'None';
  if (x === true) return 'True';
  if (x === false) return 'False';
  if (typeof x === 'string') return strRepr(x);
  if (Array.isArray(x)) {
    const parts: string[] = [];
    for (const item of x) parts.push(pyRepr(item));
    return `[${parts.join(', ')}]`;
  }
  if (x instanceof Error) return `${x.name}(${pyRepr(x.message)})`;
  return String(x);
}

// Python's quoting: single quotes, or double quotes when the text has a single
// quote and no double quote; backslashes and the chosen quote escaped.
function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) out += ch === '\\' || ch === q ? `\\${ch}` : ch;
  return q + out + q;
}

/**
 * One printed line: the timestamp, then the arguments separated by spaces, as
 * Python's `print` joins them.
 *
 * @example
 * ```ts
 * line(2000, ['gather ->', [undefined, undefined]]); // '[ 2.0s] gather -> [None, None]'
 * ```
 */
export function line(ms: number, args: readonly unknown[]): string {
  let out = stamp(ms);
  for (const a of args) out += ` ${pyStr(a)}`;
  return out;
}
