/**
 * Short, safe descriptions of values for messages and `toString()`.
 *
 * @internal
 * @module
 */

/** @internal A short description of `x` that never throws. */
export function repr(x: unknown): string {
  try {
    switch (typeof x) {
      case 'string':
        return x.length > 60 ? `'${x.slice(0, 57)}...'` : `'${x}'`;
      case 'function':
        return `function ${x.name || '<anonymous>'}`;
      case 'bigint':
        return `${x}n`;
      case 'symbol':
        return x.toString();
      case 'object': {
        if (x === null) return 'null';
        if (x instanceof Error) return `${x.name}(${repr(x.message)})`;
        if (Array.isArray(x)) return `Array(${x.length})`;
        if (isGeneratorObject(x)) return 'coroutine';
        if (Object.getPrototypeOf(x) === null) return '{…}';
        const s = String(x);
        if (s !== '[object Object]') return s.length > 80 ? `${s.slice(0, 77)}...` : s;
        const ctor = (x as { constructor?: { name?: string } }).constructor;
        return ctor?.name ? `${ctor.name} {…}` : '{…}';
      }
      default:
        return String(x);
    }
  } catch {
    return '<unprintable>';
  }
}

/** @internal A callback's name and arguments, like `name(1, 'x')`. */
export function describeCall(fn: unknown, args: readonly unknown[] | null): string {
  const name =
    typeof fn === 'function' ? fn.name || '<anonymous>' : fn === null ? '<cancelled>' : repr(fn);
  if (args === null || args.length === 0) return `${name}()`;
  let s = '';
  for (let i = 0; i < args.length && i < 6; i++) s += (i ? ', ' : '') + repr(args[i]);
  if (args.length > 6) s += ', …';
  return `${name}(${s})`;
}

const GeneratorProto = Object.getPrototypeOf(function* () {}.prototype) as object;

/** @internal Whether `x` is a generator object (a coroutine). */
export function isGeneratorObject(x: unknown): x is Generator<unknown, unknown, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return (
    proto !== null &&
    (Object.getPrototypeOf(proto) === GeneratorProto ||
      Object.prototype.toString.call(x) === '[object Generator]')
  );
}

/** The folder of this module's file, read from a stack trace ('' where there is none). */
function ownDir(): string {
  const frames = (new Error().stack ?? '').split('\n');
  for (const f of frames) {
    const m = /((?:[a-z]+:\/\/)?[^\s()@]*)[/\\][^/\\\s()]+:\d+:\d+/.exec(f);
    if (m?.[1]) return m[1];
  }
  return '';
}

/** Where core's own code lives: its source folder, or its `dist/` folder once built. */
const OWN_DIR: string = /* @__PURE__ */ ownDir();

/**
 * Where the user's code called into core: the first stack frame outside core's own
 * files, as `function (file:line:col)` (for debug-mode reports: where a task, a wrapped
 * promise or a coroutine was created). Costs a stack capture: call it in debug mode only.
 *
 * @internal
 */
export function callerSite(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const user = frames.find(
    (f) =>
      /\d+:\d+/.test(f) &&
      // Core's tests sit beside its modules: a test file is a caller.
      (OWN_DIR === '' || !f.includes(OWN_DIR) || /\.test(?:-d)?\.[cm]?[jt]s\b/.test(f)),
  );
  return (user ?? '').trim().replace(/^at /, '');
}
