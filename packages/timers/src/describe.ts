/**
 * Short descriptions of values for error messages.
 *
 * @internal
 * @module
 */

/**
 * Describes a value in a few characters: strings quoted, functions by name,
 * objects by their tag.
 *
 * @internal
 * @example
 * ```ts
 * describe('a'); // '"a"'
 * describe(null); // 'null'
 * ```
 */
export function describe(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'function') return `function ${x.name || '(anonymous)'}`;
  if (x === null || typeof x !== 'object') return String(x);
  return Object.prototype.toString.call(x);
}
