/**
 * Runs a fuzzer program (program.ts) on aio and returns its trace. The twin of
 * `interpret.py`, op for op: the two must log the same lines for the same
 * behaviour, so that any difference in the traces is a difference between aio
 * and CPython asyncio.
 *
 * @module
 */

import {
  asCompleted,
  BoundedSemaphore,
  Condition,
  ContextVar,
  createTask,
  currentTask,
  DeadlockError,
  Event,
  gatherWith,
  getRunningLoop,
  isCancelledError,
  Lock,
  Queue,
  run,
  runSync,
  Semaphore,
  shield,
  sleep,
  taskGroup,
  timeout,
  wait,
  waitFor,
} from '../../src/index';
import type {
  Clock,
  Coro,
  EventLoop,
  ExceptionContext,
  Future,
  Handle,
  Task,
  TaskGroup,
  Timeout,
} from '../../src/index';
import type { Child, ErrorName, Op, Program } from './program';
import { SYNC_OPS } from './program';

// ---------------------------------------------------------------------------
// Errors and formatting (twins in interpret.py)
// ---------------------------------------------------------------------------

/** A program error (twin of `Boom` in interpret.py). */
export class Boom extends Error {
  override name = 'Boom';
}
/** A second program error. */
export class Bang extends Error {
  override name = 'Bang';
}
/** A third program error. */
export class Oops extends Error {
  override name = 'Oops';
}

const ERRORS: Record<ErrorName, new (msg: string) => Error> = { Boom, Bang, Oops };

// Errors whose message is part of the behaviour; misuse errors are worded
// differently in aio and asyncio, so only their names are logged.
const KEEP_MESSAGE = new Set([
  'CancelledError',
  'TimeoutError',
  'Boom',
  'Bang',
  'Oops',
  'TaskGroupError',
]);

/** Formats a value as `fmt` in interpret.py does. */
export function fmt(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(fmt).join(', ')}]`;
  if (value instanceof Error) {
    const name = value.name;
    if (!KEEP_MESSAGE.has(name)) return `${name}(…)`;
    if (value instanceof AggregateError) {
      return `${name}('${value.message}', [${value.errors.map(fmt).join(', ')}])`;
    }
    return value.message ? `${name}('${value.message}')` : `${name}()`;
  }
  return `<not formattable: ${String(value)}>`;
}

const ok = (value: unknown): string =>
  value === undefined || value === null ? 'ok' : `ok ${fmt(value)}`;

function stateOf(fut: Future<unknown>): string {
  if (!fut.done()) return 'pending';
  if (fut.cancelled()) return 'cancelled';
  const exc = fut.exception();
  return exc === undefined ? `result ${fmt(fut.result())}` : `exception ${fmt(exc)}`;
}

/** What the trace calls an exception-handler call; undefined for GC-driven ones. */
export function handlerKind(message: string): string | undefined {
  if (message.includes('never retrieved') || message.includes('destroyed but it is pending')) {
    return undefined; // depends on when the garbage collector runs
  }
  if (message.startsWith('Exception in callback')) return 'callback';
  if (message.startsWith('unhandled exception during')) return 'shutdown';
  if (message.includes('has errored out but its parent task')) return 'orphan';
  return `other:${message.split(/\s+/).slice(0, 4).join('_')}`;
}

// ---------------------------------------------------------------------------
// The interpreter
// ---------------------------------------------------------------------------

type Log = (actor: string, ...parts: string[]) => void;
type Scope = readonly ['timeout', Timeout] | readonly ['tg', TaskGroup];
type Primitive = Event | Lock | Semaphore | Condition | Queue<number> | ContextVar<number>;

/** Options of {@link Interp}: deliberate mistakes, to check that the fuzzer notices them. */
export interface Mutation {
  /** `state` logs a cancelled future as pending. */
  readonly cancelledLooksPending?: boolean;
}

/** One run of a program on aio. */
export class Interp {
  readonly refs = new Map<string, Future<unknown>>();
  readonly objs = new Map<string, Primitive>();
  readonly handles = new Map<string, Handle>();

  constructor(
    readonly program: Program,
    readonly log: Log,
    readonly mutation: Mutation = {},
  ) {}

  onException(ctx: ExceptionContext): void {
    const kind = handlerKind(ctx.message ?? '');
    if (kind !== undefined) {
      this.log('loop', 'handler', kind, ctx.exception === undefined ? 'None' : fmt(ctx.exception));
    }
  }

  *main(): Coro<string> {
    const loop = getRunningLoop();
    loop.setExceptionHandler((_loop, ctx) => this.onException(ctx));
    this.refs.set('main', currentTask() as Task<unknown>);
    for (const d of this.program.objects) {
      switch (d.kind) {
        case 'future':
          this.refs.set(d.name, loop.createFuture());
          break;
        case 'event':
          this.objs.set(d.name, new Event());
          break;
        case 'lock':
          this.objs.set(d.name, new Lock());
          break;
        case 'semaphore':
          this.objs.set(d.name, d.bounded ? new BoundedSemaphore(d.value) : new Semaphore(d.value));
          break;
        case 'condition':
          this.objs.set(d.name, new Condition());
          break;
        case 'queue':
          this.objs.set(d.name, new Queue<number>(d.maxsize));
          break;
        case 'var':
          this.objs.set(d.name, new ContextVar<number>(d.name, { default: 0 }));
          break;
      }
    }
    return yield* this.body(this.program.main, 'main');
  }

  *body(ops: readonly Op[], actor: string): Coro<string> {
    this.log(actor, 'start');
    try {
      yield* this.runOps(ops, actor, []);
    } catch (e) {
      this.log(actor, 'exit', fmt(e));
      throw e;
    }
    this.log(actor, 'end');
    return actor;
  }

  /** A child's awaitable: the named task/future, or a new coroutine; undefined if missing. */
  coroOf(child: Child): Future<unknown> | Coro<string> | undefined {
    if ('ref' in child) return this.refs.get(child.ref);
    return this.body(child.body, child.label);
  }

  missing(refs: readonly string[]): string | undefined {
    return refs.find((name) => !this.refs.has(name));
  }

  *awaiting<T>(
    actor: string,
    desc: string,
    aw: Coro<T> | Future<T>,
    show: (v: T) => string = ok,
  ): Coro<T> {
    let value: T;
    try {
      value = yield* aw;
    } catch (e) {
      this.log(actor, desc, '->', fmt(e));
      throw e;
    }
    this.log(actor, desc, '->', show(value));
    return value;
  }

  doing(actor: string, desc: string, fn: () => unknown): void {
    let value: unknown;
    try {
      value = fn();
    } catch (e) {
      this.log(actor, desc, '->', fmt(e));
      throw e;
    }
    this.log(actor, desc, '->', ok(value));
  }

  *runOps(ops: readonly Op[], actor: string, scopes: readonly Scope[]): Coro<void> {
    for (const op of ops) {
      if (SYNC_OPS.has(op.op)) this.syncOp(op, actor);
      else yield* this.asyncOp(op, actor, scopes);
    }
  }

  runCallbackOps(ops: readonly Op[], actor: string): void {
    for (const op of ops) this.syncOp(op, actor);
  }

  obj<T extends Primitive>(name: string): T {
    return this.objs.get(name) as T;
  }

  // -- ops that never await (also in callbacks) ------------------------------

  syncOp(op: Op, actor: string): void {
    const loop = getRunningLoop();
    switch (op.op) {
      case 'spawn': {
        const task = op.task;
        this.doing(actor, `spawn ${task}`, () => {
          const coro = this.body(op.body, task);
          this.refs.set(
            task,
            op.eager
              ? createTask(coro, { name: task, eagerStart: true })
              : createTask(coro, { name: task }),
          );
        });
        return;
      }
      case 'cancel': {
        const target = op.target;
        const fut = target === 'self' ? currentTask() : this.refs.get(target);
        const desc = `cancel ${target}`;
        if (fut === undefined) {
          this.log(actor, desc, '->', 'missing');
          return;
        }
        const msg = op.msg;
        this.doing(actor, desc, () => (msg === undefined ? fut.cancel() : fut.cancel(msg)));
        return;
      }
      case 'state': {
        const fut = this.refs.get(op.target);
        let s = fut === undefined ? 'missing' : stateOf(fut);
        if (this.mutation.cancelledLooksPending && s === 'cancelled') s = 'pending';
        this.log(actor, 'state', op.target, s);
        return;
      }
      case 'raise':
        throw new ERRORS[op.error](op.msg);
      case 'futSet':
      case 'futFail':
      case 'futCancel':
      case 'futCallback': {
        const fut = this.refs.get(op.target);
        const desc = `${op.op} ${op.target}`;
        if (fut === undefined) {
          this.log(actor, desc, '->', 'missing');
          return;
        }
        if (op.op === 'futSet') {
          this.doing(actor, desc, () => fut.setResult(op.value));
        } else if (op.op === 'futFail') {
          this.doing(actor, desc, () => fut.setException(new ERRORS[op.error](op.msg)));
        } else if (op.op === 'futCancel') {
          const msg = op.msg;
          this.doing(actor, desc, () => (msg === undefined ? fut.cancel() : fut.cancel(msg)));
        } else {
          const { label, ops } = op;
          const callback = (f: Future<unknown>): void => {
            this.log(label, 'callback', stateOf(f));
            this.runCallbackOps(ops, label);
          };
          this.doing(actor, `${desc} ${label}`, () => fut.addDoneCallback(callback));
        }
        return;
      }
      case 'callSoon':
      case 'callLater': {
        const { label, ops } = op;
        const callback = (): void => {
          this.log(label, 'run');
          this.runCallbackOps(ops, label);
        };
        this.doing(actor, `${op.op} ${label}`, () => {
          this.handles.set(
            label,
            op.op === 'callSoon' ? loop.callSoon(callback) : loop.callLater(op.ms, callback),
          );
        });
        return;
      }
      case 'cancelHandle': {
        const handle = this.handles.get(op.label);
        const desc = `cancelHandle ${op.label}`;
        if (handle === undefined) {
          this.log(actor, desc, '->', 'missing');
          return;
        }
        this.doing(actor, desc, () => handle.cancel());
        return;
      }
      case 'eventSet':
        this.doing(actor, `eventSet ${op.target}`, () => this.obj<Event>(op.target).set());
        return;
      case 'eventClear':
        this.doing(actor, `eventClear ${op.target}`, () => this.obj<Event>(op.target).clear());
        return;
      case 'release':
        this.doing(actor, `release ${op.target}`, () => this.obj<Lock>(op.target).release());
        return;
      case 'putNowait':
        this.doing(actor, `putNowait ${op.target} ${op.value}`, () =>
          this.obj<Queue<number>>(op.target).putNowait(op.value),
        );
        return;
      case 'getNowait':
        this.doing(actor, `getNowait ${op.target}`, () =>
          this.obj<Queue<number>>(op.target).getNowait(),
        );
        return;
      case 'taskDone':
        this.doing(actor, `taskDone ${op.target}`, () =>
          this.obj<Queue<number>>(op.target).taskDone(),
        );
        return;
      case 'shutdown':
        this.doing(actor, `shutdown ${op.target} ${fmt(op.immediate)}`, () =>
          this.obj<Queue<number>>(op.target).shutdown(op.immediate),
        );
        return;
      case 'varSet':
        this.doing(actor, `varSet ${op.target} ${op.value}`, () => {
          this.obj<ContextVar<number>>(op.target).set(op.value);
        });
        return;
      case 'varGet':
        this.doing(actor, `varGet ${op.target}`, () =>
          this.obj<ContextVar<number>>(op.target).get(),
        );
        return;
      default:
        throw new Error(`unknown sync op ${op.op}`);
    }
  }

  // -- ops that may await (task bodies only) ---------------------------------

  *asyncOp(op: Op, actor: string, scopes: readonly Scope[]): Coro<void> {
    const loop = getRunningLoop();
    const self = this;
    switch (op.op) {
      case 'sleep': {
        yield* this.awaiting(actor, `sleep ${op.ms}`, sleep(op.ms));
        return;
      }
      case 'await': {
        const fut = this.refs.get(op.target);
        const desc = `await ${op.target}`;
        if (fut === undefined) {
          this.log(actor, desc, '->', 'missing');
          return;
        }
        yield* this.awaiting(actor, desc, fut);
        return;
      }
      case 'uncancel':
        this.doing(actor, 'uncancel', () => (currentTask() as Task<unknown>).uncancel());
        return;
      case 'cancelling':
        this.doing(actor, 'cancelling', () => (currentTask() as Task<unknown>).cancelling());
        return;
      case 'gather': {
        const gone = this.missing(op.children.flatMap((c) => ('ref' in c ? [c.ref] : [])));
        if (gone !== undefined) {
          this.log(actor, 'gather', '->', 'missing', gone);
          return;
        }
        const aws = op.children.map((c) => this.coroOf(c) as Future<unknown> | Coro<string>);
        yield* this.awaiting(
          actor,
          'gather',
          gatherWith({ returnExceptions: op.returnExceptions }, ...aws),
        );
        return;
      }
      case 'wait': {
        const gone = this.missing(op.targets);
        if (gone !== undefined) {
          this.log(actor, 'wait', '->', 'missing', gone);
          return;
        }
        const futs = op.targets.map((t) => this.refs.get(t) as Future<unknown>);
        const nameOf = new Map(op.targets.map((t) => [this.refs.get(t) as Future<unknown>, t]));
        const names = (s: Set<Future<unknown>>): string =>
          fmt(Array.from(s, (f) => nameOf.get(f) as string).sort());
        yield* this.awaiting(
          actor,
          'wait',
          wait(futs, { timeout: op.timeout, returnWhen: op.returnWhen }),
          ([done, pending]) => `done=${names(done)} pending=${names(pending)}`,
        );
        return;
      }
      case 'waitFor': {
        const aw = this.coroOf(op.child);
        if (aw === undefined) {
          this.log(actor, 'waitFor', '->', 'missing', (op.child as { ref: string }).ref);
          return;
        }
        yield* this.awaiting(actor, 'waitFor', waitFor(aw as Coro<unknown>, op.timeout));
        return;
      }
      case 'shield': {
        const aw = this.coroOf(op.child);
        if (aw === undefined) {
          this.log(actor, 'shield', '->', 'missing', (op.child as { ref: string }).ref);
          return;
        }
        yield* this.awaiting(actor, 'shield', shield(aw as Coro<unknown>));
        return;
      }
      case 'asCompleted': {
        const gone = this.missing(op.children.flatMap((c) => ('ref' in c ? [c.ref] : [])));
        if (gone !== undefined) {
          this.log(actor, 'asCompleted', '->', 'missing', gone);
          return;
        }
        const aws = op.children.map((c) => this.coroOf(c) as Future<unknown> | Coro<string>);
        let i = 0;
        for (const next of asCompleted(aws, { timeout: op.timeout })) {
          const desc = `asCompleted #${i++}`;
          let value: unknown;
          try {
            value = yield* next;
          } catch (e) {
            this.log(actor, desc, '->', fmt(e));
            if (isCancelledError(e)) throw e;
            continue;
          }
          this.log(actor, desc, '->', ok(value));
        }
        return;
      }
      case 'timeout': {
        const body = op.body;
        const desc = `timeout ${fmt(op.ms)}`;
        let cm: Timeout | undefined;
        try {
          yield* timeout(op.ms, function* (t) {
            cm = t;
            yield* self.runOps(body, actor, [...scopes, ['timeout', t]]);
          });
        } catch (e) {
          this.log(actor, desc, '->', fmt(e), 'expired', fmt(cm?.expired()));
          throw e;
        }
        this.log(actor, desc, '->', 'ok', 'expired', fmt(cm?.expired()));
        return;
      }
      case 'reschedule': {
        const scope = [...scopes].reverse().find((s) => s[0] === 'timeout');
        const desc = `reschedule ${fmt(op.ms)}`;
        if (scope === undefined) {
          this.log(actor, desc, '->', 'missing');
          return;
        }
        const cm = scope[1] as Timeout;
        const when = op.ms === null ? null : loop.time() + op.ms;
        this.doing(actor, desc, () => cm.reschedule(when));
        return;
      }
      case 'taskGroup': {
        const body = op.body;
        try {
          yield* taskGroup(function* (tg) {
            yield* self.runOps(body, actor, [...scopes, ['tg', tg]]);
          });
        } catch (e) {
          this.log(actor, 'taskGroup', '->', fmt(e));
          throw e;
        }
        this.log(actor, 'taskGroup', '->', 'ok');
        return;
      }
      case 'tgSpawn': {
        const scope = [...scopes].reverse().find((s) => s[0] === 'tg');
        const task = op.task;
        const desc = `tgSpawn ${task}`;
        if (scope === undefined) {
          this.log(actor, desc, '->', 'missing');
          return;
        }
        const tg = scope[1] as TaskGroup;
        this.doing(actor, desc, () => {
          this.refs.set(task, tg.createTask(this.body(op.body, task), { name: task }));
        });
        return;
      }
      case 'try':
        yield* this.tryOp(op, actor, scopes);
        return;
      case 'repeat':
        for (let i = 0; i < op.n; i++) yield* this.runOps(op.body, actor, scopes);
        return;
      case 'eventWait':
        yield* this.awaiting(actor, `eventWait ${op.target}`, this.obj<Event>(op.target).wait());
        return;
      case 'acquire':
        yield* this.awaiting(actor, `acquire ${op.target}`, this.obj<Lock>(op.target).acquire());
        return;
      case 'hold': {
        const body = op.body;
        const desc = `hold ${op.target}`;
        try {
          yield* this.obj<Lock>(op.target).hold(function* () {
            yield* self.runOps(body, actor, scopes);
          });
        } catch (e) {
          this.log(actor, desc, '->', fmt(e));
          throw e;
        }
        this.log(actor, desc, '->', 'ok');
        return;
      }
      case 'condWait':
        yield* this.awaiting(actor, `condWait ${op.target}`, this.obj<Condition>(op.target).wait());
        return;
      case 'notify':
        this.doing(actor, `notify ${op.target} ${op.n}`, () =>
          this.obj<Condition>(op.target).notify(op.n),
        );
        return;
      case 'notifyAll':
        this.doing(actor, `notifyAll ${op.target}`, () =>
          this.obj<Condition>(op.target).notifyAll(),
        );
        return;
      case 'put':
        yield* this.awaiting(
          actor,
          `put ${op.target} ${op.value}`,
          this.obj<Queue<number>>(op.target).put(op.value),
        );
        return;
      case 'get':
        yield* this.awaiting(actor, `get ${op.target}`, this.obj<Queue<number>>(op.target).get());
        return;
      case 'join':
        yield* this.awaiting(actor, `join ${op.target}`, this.obj<Queue<number>>(op.target).join());
        return;
      default:
        throw new Error(`unknown op ${op.op}`);
    }
  }

  *tryOp(op: Extract<Op, { op: 'try' }>, actor: string, scopes: readonly Scope[]): Coro<void> {
    const kind = op.catch;
    try {
      yield* this.runOps(op.body, actor, scopes);
    } catch (e) {
      if (
        kind === 'none' ||
        (kind === 'cancelled' && !isCancelledError(e)) ||
        (kind === 'error' && isCancelledError(e))
      ) {
        throw e;
      }
      this.log(actor, 'caught', fmt(e));
      if (op.uncancel)
        this.doing(actor, 'uncancel', () => (currentTask() as Task<unknown>).uncancel());
      yield* this.runOps(op.handler, actor, scopes);
      if (op.reraise) throw e;
    } finally {
      if (op.finally !== null) {
        this.log(actor, 'finally');
        yield* this.runOps(op.finally, actor, scopes);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Running a program
// ---------------------------------------------------------------------------

/** Thrown by {@link FuzzClock} when the loop runs away (an aio bug: programs are finite). */
class RunawayError extends Error {
  override name = 'RunawayError';
}

/** How many loop iterations (clock reads) a program may take before it counts as a runaway. */
const MAX_CLOCK_READS = 2_000_000;

/**
 * Virtual time from 0 that jumps to the next timer when the loop is idle, built
 * on the public Clock interface (as test/testClock.ts), with a runaway guard.
 */
class FuzzClock implements Clock {
  #now = 0;
  #reads = 0;

  now(): number {
    if (++this.#reads > MAX_CLOCK_READS) {
      throw new RunawayError(`more than ${MAX_CLOCK_READS} clock reads`);
    }
    return this.#now;
  }

  setTimer(): unknown {
    throw new Error('FuzzClock: runSync never waits for the host');
  }

  clearTimer(): void {}

  advanceIdle(deadline: number): boolean {
    if (deadline > this.#now) this.#now = deadline;
    return true;
  }
}

/** How aio runs a program: `runSync` (default) or `run` (a Promise) on the same virtual clock. */
export type RunMode = 'sync' | 'async';

function classify(e: unknown): string {
  if (e instanceof RunawayError) return 'runaway';
  if (e instanceof DeadlockError) return 'deadlock';
  return `raised ${fmt(e)}`;
}

function setUp(
  program: Program,
  mutation: Mutation,
): { lines: string[]; close(): void; entry(): Coro<string> } {
  const lines: string[] = [];
  let open = true;
  let loop: EventLoop | undefined;
  const log: Log = (actor, ...parts) => {
    if (!open) return;
    lines.push(`${Math.round((loop as EventLoop).time())} ${actor} ${parts.join(' ')}`);
  };
  const interp = new Interp(program, log, mutation);
  return {
    lines,
    close: () => {
      open = false;
    },
    *entry(): Coro<string> {
      loop = getRunningLoop();
      return yield* interp.main();
    },
  };
}

/** The trace of `program` on aio (`runSync`): the logged lines, then the outcome line. */
export function runProgramOnAio(program: Program, mutation: Mutation = {}): string[] {
  const r = setUp(program, mutation);
  let final: string;
  try {
    final = `result ${fmt(runSync(r.entry(), { clock: new FuzzClock() }))}`;
  } catch (e) {
    final = classify(e);
  } finally {
    r.close();
  }
  r.lines.push(final);
  return r.lines;
}

/**
 * The trace of `program` on aio with `run()` (the Promise API) instead of
 * `runSync`. A program that deadlocks never settles under `run()` (no host
 * timer is left to wake it): give it only programs whose `runSync` trace does
 * not end in `deadlock`; after `hostLimitMs` of real time it gives up with the
 * line `run() did not settle`.
 */
export async function runProgramOnAioAsync(
  program: Program,
  mutation: Mutation = {},
  hostLimitMs = 5000,
): Promise<string[]> {
  const r = setUp(program, mutation);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('run() did not settle')), hostLimitMs);
  });
  let final: string;
  try {
    final = `result ${fmt(await Promise.race([run(r.entry(), { clock: new FuzzClock() }), stuck]))}`;
  } catch (e) {
    final = e instanceof Error && e.message === 'run() did not settle' ? e.message : classify(e);
  } finally {
    r.close();
    clearTimeout(timer);
  }
  r.lines.push(final);
  return r.lines;
}
