/**
 * Short descriptions of values for error messages.
 *
 * @module
 */

/**
 * A short, readable description of `x` for an error message: `undefined`,
 * `'text'`, `42`, `a function named f`, `an object of class Foo`.
 *
 * @internal
 */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  switch (typeof x) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return x.length > 40 ? `'${x.slice(0, 37)}...'` : `'${x}'`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(x);
    case 'symbol':
      return x.toString();
    case 'function':
      return x.name ? `a function named ${x.name}` : 'an anonymous function';
    default: {
      if (Array.isArray(x)) return `an array of length ${x.length}`;
      const ctor = (x as { constructor?: { name?: unknown } }).constructor;
      const name = typeof ctor?.name === 'string' && ctor.name !== '' ? ctor.name : 'Object';
      return name === 'Object' ? 'a plain object' : `an object of class ${name}`;
    }
  }
}
