/**
 * The fuzzer's program DSL: a JSON value that describes a concurrent asyncio
 * program. `interpret.ts` runs it on aio, `interpret.py` on CPython asyncio; both
 * log the same trace lines for the same behaviour (README.md, "The DSL").
 *
 * @module
 */

/** A program: the objects it shares, and the body of its main task. */
export interface Program {
  /** Futures, events, locks, ... created at the start of main, in this order. */
  readonly objects: readonly ObjectDecl[];
  /** The body of the main task (its actor name in the trace is `main`). */
  readonly main: readonly Op[];
}

/** A shared object. Names are unique in a program; tasks share the name space. */
export type ObjectDecl =
  | { readonly kind: 'future'; readonly name: string }
  | { readonly kind: 'event'; readonly name: string }
  | { readonly kind: 'lock'; readonly name: string }
  | {
      readonly kind: 'semaphore';
      readonly name: string;
      readonly value: number;
      readonly bounded: boolean;
    }
  | { readonly kind: 'condition'; readonly name: string }
  | { readonly kind: 'queue'; readonly name: string; readonly maxsize: number }
  | { readonly kind: 'var'; readonly name: string };

/** The error classes a program can raise (twins in both interpreters). */
export type ErrorName = 'Boom' | 'Bang' | 'Oops';

/** What `wait` returns on. */
export type ReturnWhenName = 'FIRST_COMPLETED' | 'FIRST_EXCEPTION' | 'ALL_COMPLETED';

/** What a `try` op catches: CancelledError, any other error, or everything. */
export type CatchKind = 'none' | 'cancelled' | 'error' | 'any';

/**
 * An awaitable argument of gather / waitFor / asCompleted / shield: a named task
 * or future, or a coroutine (a body run as `label`, wrapped in a task by the
 * function that takes it, or awaited inline by waitFor).
 */
export type Child =
  | { readonly ref: string }
  | { readonly label: string; readonly body: readonly Op[] };

/**
 * One operation. Operations in a task body may await; those in a callback
 * (`callSoon`, `callLater`, `futCallback`) may not ({@link SYNC_OPS}).
 */
export type Op =
  // time
  | { readonly op: 'sleep'; readonly ms: number }
  // tasks
  | {
      readonly op: 'spawn';
      readonly task: string;
      readonly body: readonly Op[];
      /** Start it eagerly: its first step runs inside the spawn (`eagerStart`). */
      readonly eager?: boolean;
    }
  | { readonly op: 'await'; readonly target: string }
  | { readonly op: 'cancel'; readonly target: string; readonly msg?: string }
  | { readonly op: 'uncancel' }
  | { readonly op: 'cancelling' }
  | { readonly op: 'state'; readonly target: string }
  // task functions
  | {
      readonly op: 'gather';
      readonly children: readonly Child[];
      readonly returnExceptions: boolean;
    }
  | {
      readonly op: 'wait';
      readonly targets: readonly string[];
      readonly returnWhen: ReturnWhenName;
      readonly timeout: number | null;
    }
  | { readonly op: 'waitFor'; readonly child: Child; readonly timeout: number | null }
  | {
      readonly op: 'asCompleted';
      readonly children: readonly Child[];
      readonly timeout: number | null;
    }
  | { readonly op: 'shield'; readonly child: Child }
  | { readonly op: 'timeout'; readonly ms: number | null; readonly body: readonly Op[] }
  | { readonly op: 'reschedule'; readonly ms: number | null }
  | { readonly op: 'taskGroup'; readonly body: readonly Op[] }
  | { readonly op: 'tgSpawn'; readonly task: string; readonly body: readonly Op[] }
  // control
  | {
      readonly op: 'try';
      readonly body: readonly Op[];
      readonly catch: CatchKind;
      readonly uncancel: boolean;
      readonly handler: readonly Op[];
      readonly reraise: boolean;
      readonly finally: readonly Op[] | null;
    }
  | { readonly op: 'raise'; readonly error: ErrorName; readonly msg: string }
  | { readonly op: 'repeat'; readonly n: number; readonly body: readonly Op[] }
  // futures and callbacks
  | { readonly op: 'futSet'; readonly target: string; readonly value: number }
  | {
      readonly op: 'futFail';
      readonly target: string;
      readonly error: ErrorName;
      readonly msg: string;
    }
  | { readonly op: 'futCancel'; readonly target: string; readonly msg?: string }
  | {
      readonly op: 'futCallback';
      readonly target: string;
      readonly label: string;
      readonly ops: readonly Op[];
    }
  | { readonly op: 'callSoon'; readonly label: string; readonly ops: readonly Op[] }
  | {
      readonly op: 'callLater';
      readonly ms: number;
      readonly label: string;
      readonly ops: readonly Op[];
    }
  | { readonly op: 'cancelHandle'; readonly label: string }
  // synchronisation
  | { readonly op: 'eventWait'; readonly target: string }
  | { readonly op: 'eventSet'; readonly target: string }
  | { readonly op: 'eventClear'; readonly target: string }
  | { readonly op: 'acquire'; readonly target: string }
  | { readonly op: 'release'; readonly target: string }
  | { readonly op: 'hold'; readonly target: string; readonly body: readonly Op[] }
  | { readonly op: 'condWait'; readonly target: string }
  | { readonly op: 'notify'; readonly target: string; readonly n: number }
  | { readonly op: 'notifyAll'; readonly target: string }
  // queues
  | { readonly op: 'put'; readonly target: string; readonly value: number }
  | { readonly op: 'get'; readonly target: string }
  | { readonly op: 'putNowait'; readonly target: string; readonly value: number }
  | { readonly op: 'getNowait'; readonly target: string }
  | { readonly op: 'taskDone'; readonly target: string }
  | { readonly op: 'join'; readonly target: string }
  | { readonly op: 'shutdown'; readonly target: string; readonly immediate: boolean }
  // context variables
  | { readonly op: 'varSet'; readonly target: string; readonly value: number }
  | { readonly op: 'varGet'; readonly target: string };

/** The name of an op. */
export type OpName = Op['op'];

/** Ops that never await: the only ones allowed in a callback. */
export const SYNC_OPS: ReadonlySet<OpName> = new Set<OpName>([
  'spawn',
  'cancel',
  'state',
  'raise',
  'futSet',
  'futFail',
  'futCancel',
  'futCallback',
  'callSoon',
  'callLater',
  'cancelHandle',
  'eventSet',
  'eventClear',
  'release',
  'putNowait',
  'getNowait',
  'taskDone',
  'shutdown',
  'varSet',
  'varGet',
]);

/** Every op name, for validation. */
export const OP_NAMES: ReadonlySet<OpName> = new Set<OpName>([
  ...SYNC_OPS,
  'sleep',
  'await',
  'uncancel',
  'cancelling',
  'gather',
  'wait',
  'waitFor',
  'asCompleted',
  'shield',
  'timeout',
  'reschedule',
  'taskGroup',
  'tgSpawn',
  'try',
  'repeat',
  'eventWait',
  'acquire',
  'hold',
  'condWait',
  'notify',
  'notifyAll',
  'put',
  'get',
  'join',
]);

/** The op lists nested in an op (bodies, handler, finally, callback ops, children). */
export function nestedLists(op: Op): (readonly Op[])[] {
  switch (op.op) {
    case 'spawn':
    case 'tgSpawn':
    case 'timeout':
    case 'taskGroup':
    case 'repeat':
    case 'hold':
      return [op.body];
    case 'try':
      return op.finally === null ? [op.body, op.handler] : [op.body, op.handler, op.finally];
    case 'futCallback':
    case 'callSoon':
    case 'callLater':
      return [op.ops];
    case 'gather':
    case 'asCompleted':
      return op.children.flatMap((c) => ('body' in c ? [c.body] : []));
    case 'waitFor':
    case 'shield':
      return 'body' in op.child ? [op.child.body] : [];
    default:
      return [];
  }
}

/** Calls `visit` on every op of `ops`, depth first, in program order. */
export function walkOps(ops: readonly Op[], visit: (op: Op) => void): void {
  const stack: (readonly Op[])[] = [ops];
  const index: number[] = [0];
  while (stack.length > 0) {
    const list = stack[stack.length - 1]!;
    const i = index[index.length - 1]!;
    if (i >= list.length) {
      stack.pop();
      index.pop();
      continue;
    }
    index[index.length - 1] = i + 1;
    const op = list[i]!;
    visit(op);
    const nested = nestedLists(op);
    for (let k = nested.length - 1; k >= 0; k--) {
      stack.push(nested[k]!);
      index.push(0);
    }
  }
}

/** How many ops a program has (every nesting level counted). */
export function programSize(p: Program): number {
  let n = 0;
  walkOps(p.main, () => {
    n++;
  });
  return n;
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Checks that `value` is a well-formed program (replayed files come from disk):
 * known ops with the fields they need, callbacks holding only {@link SYNC_OPS},
 * integer times ≥ 0. Throws a TypeError that says where and what is wrong.
 */
export function validateProgram(value: unknown): Program {
  if (!isObj(value)) throw new TypeError('program: expected an object with objects and main');
  if (!Array.isArray(value.objects)) throw new TypeError('program.objects: expected an array');
  if (!Array.isArray(value.main)) throw new TypeError('program.main: expected an array of ops');
  const kinds = new Set(['future', 'event', 'lock', 'semaphore', 'condition', 'queue', 'var']);
  const names = new Set<string>();
  value.objects.forEach((d: unknown, i: number) => {
    if (!isObj(d) || typeof d.name !== 'string' || !kinds.has(d.kind as string)) {
      throw new TypeError(
        `program.objects[${i}]: expected { kind, name }, got ${JSON.stringify(d)}`,
      );
    }
    if (names.has(d.name)) throw new TypeError(`program.objects[${i}]: duplicate name ${d.name}`);
    names.add(d.name);
  });
  const checkList = (ops: unknown, path: string, inCallback: boolean): void => {
    if (!Array.isArray(ops)) throw new TypeError(`${path}: expected an array of ops`);
    ops.forEach((op: unknown, i: number) => {
      checkOp(op, `${path}[${i}]`, inCallback);
    });
  };
  const needNumber = (
    op: Record<string, unknown>,
    key: string,
    path: string,
    nullable = false,
  ): void => {
    const v = op[key];
    if (nullable && v === null) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new TypeError(
        `${path}.${key}: expected an integer >= 0${nullable ? ' or null' : ''}, got ${JSON.stringify(v)}`,
      );
    }
  };
  const needString = (op: Record<string, unknown>, key: string, path: string): void => {
    if (typeof op[key] !== 'string') {
      throw new TypeError(`${path}.${key}: expected a string, got ${JSON.stringify(op[key])}`);
    }
  };
  const checkChild = (c: unknown, path: string): void => {
    if (!isObj(c)) throw new TypeError(`${path}: expected { ref } or { label, body }`);
    if ('ref' in c) needString(c, 'ref', path);
    else {
      needString(c, 'label', path);
      checkList(c.body, `${path}.body`, false);
    }
  };
  const checkOp = (op: unknown, path: string, inCallback: boolean): void => {
    if (!isObj(op) || typeof op.op !== 'string' || !OP_NAMES.has(op.op as OpName)) {
      throw new TypeError(`${path}: unknown op ${JSON.stringify(isObj(op) ? op.op : op)}`);
    }
    const name = op.op as OpName;
    if (inCallback && !SYNC_OPS.has(name)) {
      throw new TypeError(`${path}: op ${name} awaits and cannot run in a callback`);
    }
    switch (name) {
      case 'sleep':
        needNumber(op, 'ms', path);
        break;
      case 'spawn':
      case 'tgSpawn':
        needString(op, 'task', path);
        checkList(op.body, `${path}.body`, false);
        break;
      case 'timeout':
        needNumber(op, 'ms', path, true);
        checkList(op.body, `${path}.body`, false);
        break;
      case 'reschedule':
        needNumber(op, 'ms', path, true);
        break;
      case 'taskGroup':
        checkList(op.body, `${path}.body`, false);
        break;
      case 'hold':
        needString(op, 'target', path);
        checkList(op.body, `${path}.body`, false);
        break;
      case 'repeat':
        needNumber(op, 'n', path);
        checkList(op.body, `${path}.body`, false);
        break;
      case 'try':
        checkList(op.body, `${path}.body`, false);
        checkList(op.handler, `${path}.handler`, false);
        if (op.finally !== null) checkList(op.finally, `${path}.finally`, false);
        if (!['none', 'cancelled', 'error', 'any'].includes(op.catch as string)) {
          throw new TypeError(`${path}.catch: expected none, cancelled, error or any`);
        }
        break;
      case 'gather':
      case 'asCompleted':
        if (!Array.isArray(op.children)) throw new TypeError(`${path}.children: expected an array`);
        op.children.forEach((c: unknown, i: number) => {
          checkChild(c, `${path}.children[${i}]`);
        });
        if (name === 'asCompleted') needNumber(op, 'timeout', path, true);
        break;
      case 'waitFor':
        checkChild(op.child, `${path}.child`);
        needNumber(op, 'timeout', path, true);
        break;
      case 'shield':
        checkChild(op.child, `${path}.child`);
        break;
      case 'wait':
        if (!Array.isArray(op.targets) || op.targets.some((t) => typeof t !== 'string')) {
          throw new TypeError(`${path}.targets: expected an array of names`);
        }
        needNumber(op, 'timeout', path, true);
        break;
      case 'futCallback':
      case 'callSoon':
      case 'callLater':
        needString(op, 'label', path);
        if (name === 'callLater') needNumber(op, 'ms', path);
        checkList(op.ops, `${path}.ops`, true);
        break;
      case 'notify':
        needNumber(op, 'n', path);
        break;
      default:
        break;
    }
  };
  checkList(value.main, 'program.main', false);
  return value as unknown as Program;
}

/** A readable rendering of a program, Python-like, one op per line. */
export function renderProgram(p: Program): string {
  const out: string[] = [];
  for (const d of p.objects) {
    const extra =
      d.kind === 'semaphore'
        ? `(${d.value}${d.bounded ? ', bounded' : ''})`
        : d.kind === 'queue'
          ? `(maxsize=${d.maxsize})`
          : '';
    out.push(`${d.name} = ${d.kind}${extra}`);
  }
  out.push('main:');
  renderOps(p.main, 1, out);
  return out.join('\n');
}

const ms = (v: number | null): string => (v === null ? 'None' : `${v}ms`);
const msgOf = (m: string | undefined): string =>
  m === undefined ? '' : ` msg=${JSON.stringify(m)}`;

function renderChild(c: Child, depth: number, out: string[], head: string): void {
  if ('ref' in c) {
    out.push(`${'  '.repeat(depth)}${head}${c.ref}`);
  } else {
    out.push(`${'  '.repeat(depth)}${head}coro ${c.label}:`);
    renderOps(c.body, depth + 1, out);
  }
}

function renderOps(ops: readonly Op[], depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  if (ops.length === 0) out.push(`${pad}pass`);
  for (const op of ops) {
    switch (op.op) {
      case 'spawn':
      case 'tgSpawn':
        out.push(`${pad}${op.op} ${op.task}${op.op === 'spawn' && op.eager ? ' (eager)' : ''}:`);
        renderOps(op.body, depth + 1, out);
        break;
      case 'timeout':
        out.push(`${pad}timeout ${ms(op.ms)}:`);
        renderOps(op.body, depth + 1, out);
        break;
      case 'taskGroup':
        out.push(`${pad}taskGroup:`);
        renderOps(op.body, depth + 1, out);
        break;
      case 'hold':
        out.push(`${pad}hold ${op.target}:`);
        renderOps(op.body, depth + 1, out);
        break;
      case 'repeat':
        out.push(`${pad}repeat ${op.n}:`);
        renderOps(op.body, depth + 1, out);
        break;
      case 'try':
        out.push(`${pad}try:`);
        renderOps(op.body, depth + 1, out);
        if (op.catch !== 'none') {
          const flags = [op.uncancel ? 'uncancel' : '', op.reraise ? 'reraise' : ''].filter(
            Boolean,
          );
          out.push(`${pad}except ${op.catch}${flags.length ? ` (${flags.join(', ')})` : ''}:`);
          renderOps(op.handler, depth + 1, out);
        }
        if (op.finally !== null) {
          out.push(`${pad}finally:`);
          renderOps(op.finally, depth + 1, out);
        }
        break;
      case 'gather':
      case 'asCompleted': {
        const opts =
          op.op === 'gather'
            ? `returnExceptions=${op.returnExceptions}`
            : `timeout=${ms(op.timeout)}`;
        out.push(`${pad}${op.op} (${opts}):`);
        for (const c of op.children) renderChild(c, depth + 1, out, '- ');
        break;
      }
      case 'waitFor':
        out.push(`${pad}waitFor timeout=${ms(op.timeout)}:`);
        renderChild(op.child, depth + 1, out, '');
        break;
      case 'shield':
        out.push(`${pad}shield:`);
        renderChild(op.child, depth + 1, out, '');
        break;
      case 'wait':
        out.push(
          `${pad}wait [${op.targets.join(', ')}] ${op.returnWhen} timeout=${ms(op.timeout)}`,
        );
        break;
      case 'futCallback':
      case 'callSoon':
      case 'callLater': {
        const head =
          op.op === 'futCallback'
            ? `futCallback ${op.target} ${op.label}`
            : op.op === 'callLater'
              ? `callLater ${op.ms}ms ${op.label}`
              : `callSoon ${op.label}`;
        out.push(`${pad}${head}:`);
        renderOps(op.ops, depth + 1, out);
        break;
      }
      case 'sleep':
        out.push(`${pad}sleep ${op.ms}ms`);
        break;
      case 'cancel':
      case 'futCancel':
        out.push(`${pad}${op.op} ${op.target}${msgOf(op.msg)}`);
        break;
      case 'raise':
        out.push(`${pad}raise ${op.error}(${JSON.stringify(op.msg)})`);
        break;
      case 'futFail':
        out.push(`${pad}futFail ${op.target} ${op.error}(${JSON.stringify(op.msg)})`);
        break;
      case 'reschedule':
        out.push(`${pad}reschedule ${ms(op.ms)} from now`);
        break;
      default: {
        const { op: name, ...rest } = op;
        const args = Object.values(rest).map((v) => String(v));
        out.push(`${pad}${name}${args.length ? ` ${args.join(' ')}` : ''}`);
      }
    }
  }
}
