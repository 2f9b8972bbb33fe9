/**
 * Short descriptions of values for error messages (never throws).
 *
 * @internal
 * @module
 */

/** @internal `x` in a few words, for "got …" in error messages. */
export function show(x: unknown): string {
  try {
    if (typeof x === 'string') return `'${x.length > 40 ? `${x.slice(0, 37)}...` : x}'`;
    if (typeof x === 'function') return `function ${x.name || '<anonymous>'}`;
    if (x === null || typeof x !== 'object') return String(x);
    if (Array.isArray(x)) return `Array(${x.length})`;
    const s = String(x);
    if (s !== '[object Object]') return s.length > 60 ? `${s.slice(0, 57)}...` : s;
    const ctor = (x as { constructor?: { name?: string } }).constructor;
    return ctor?.name && ctor.name !== 'Object' ? `${ctor.name} {…}` : 'an object';
  } catch {
    return '<unprintable>';
  }
}
