/**
 * The program generator: a seed gives one program (program.ts), always the same.
 *
 * Programs are small (a bounded number of ops, tasks and nesting levels) and
 * finite (no unbounded loop, so every run ends: normally, or in a deadlock that
 * both interpreters report the same way). The weights and the templates make the
 * interleavings where implementations differ likely: a cancellation landing
 * mid-await, equal deadlines, a task group whose first child fails while its
 * siblings clean up, shield with either side cancelled, contended locks and
 * queues, tasks left over when main returns (README.md, "The generator").
 *
 * @module
 */

import type { CatchKind, Child, ErrorName, ObjectDecl, Op, Program } from './program';
import { Random } from './random';

/** Bounds of a generated program. */
export interface GenerateOptions {
  /** Ops in the whole program, about (default 40). */
  readonly maxOps?: number;
  /** Tasks spawned by name, at most (default 8). */
  readonly maxTasks?: number;
  /** Nesting depth of bodies, at most (default 3). */
  readonly maxDepth?: number;
}

/** The seed of the `index`-th program of a run seeded `runSeed`. */
export function programSeed(runSeed: string, index: number): string {
  return `${runSeed}/${index}`;
}

// Small sets of durations make equal deadlines frequent.
const DURATIONS = [0, 0, 1, 2, 2, 3, 5, 5, 10, 10, 20] as const;
const TIMEOUTS = [0, 1, 2, 3, 5, 5, 10, 20, null] as const;
const MESSAGES = ['a', 'b', 'c'] as const;
const ERRORS: readonly ErrorName[] = ['Boom', 'Bang', 'Oops'];

type Kind = ObjectDecl['kind'];
const MAX_OBJECTS: Record<Kind, number> = {
  future: 3,
  event: 2,
  lock: 2,
  semaphore: 1,
  condition: 1,
  queue: 2,
  var: 2,
};
const PREFIX: Record<Kind, string> = {
  future: 'f',
  event: 'e',
  lock: 'l',
  semaphore: 's',
  condition: 'k',
  queue: 'q',
  var: 'v',
};

/** Where an op is generated. */
interface Ctx {
  readonly depth: number;
  /** The task that runs this body (`main`, `t3`), or null in a callback or a coroutine child. */
  readonly self: string | null;
  /**
   * The tasks this body runs inside of (itself, the tasks that spawned it, ...):
   * never referred to, so that no task awaits itself through a chain (asyncio
   * reports that as RuntimeError, aio as TypeError; cycles overflow the stack).
   */
  readonly ancestors: readonly string[];
  readonly callback: boolean;
  /** Enclosing `timeout` blocks in this body (reschedule needs one). */
  readonly timeouts: number;
  /** Enclosing task groups in this body (tgSpawn needs one). */
  readonly groups: number;
  /** Conditions whose lock this body holds (condWait / notify need it). */
  readonly holding: readonly string[];
}

type Template =
  | 'cancelMidAwait'
  | 'groupFailsWhileSiblingsCleanUp'
  | 'shieldEitherSide'
  | 'contended'
  | 'producerConsumer'
  | 'equalDeadlines'
  | 'leftovers'
  | 'conditionWaiters'
  | 'eventWaiters';

type Single =
  | 'sleep'
  | 'spawn'
  | 'await'
  | 'cancel'
  | 'cancelSelf'
  | 'uncancel'
  | 'cancelling'
  | 'state'
  | 'gather'
  | 'wait'
  | 'waitFor'
  | 'asCompleted'
  | 'shield'
  | 'timeout'
  | 'reschedule'
  | 'taskGroup'
  | 'tgSpawn'
  | 'try'
  | 'raise'
  | 'repeat'
  | 'future'
  | 'futCallback'
  | 'callSoon'
  | 'callLater'
  | 'cancelHandle'
  | 'event'
  | 'lock'
  | 'hold'
  | 'condition'
  | 'queue'
  | 'var';

class Generator {
  readonly r: Random;
  readonly maxTasks: number;
  readonly maxDepth: number;
  budget: number;
  readonly objects: ObjectDecl[] = [];
  readonly tasks: string[] = [];
  readonly callbacks: string[] = [];
  /** Which task waits on which (await, gather, shield, ...): kept acyclic. */
  readonly waits = new Map<string, Set<string>>();
  #labels = 0;

  constructor(seed: string, opts: GenerateOptions) {
    this.r = new Random(seed);
    this.budget = opts.maxOps ?? 40;
    this.maxTasks = opts.maxTasks ?? 8;
    this.maxDepth = opts.maxDepth ?? 3;
  }

  program(): Program {
    const ctx: Ctx = {
      depth: 0,
      self: 'main',
      ancestors: ['main'],
      callback: false,
      timeouts: 0,
      groups: 0,
      holding: [],
    };
    const main = this.body(ctx, this.r.int(3, 8));
    // Declarations in a stable order: by kind, then name.
    const order: Kind[] = ['future', 'event', 'lock', 'semaphore', 'condition', 'queue', 'var'];
    const objects = [...this.objects].sort(
      (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.name < b.name ? -1 : 1),
    );
    return { objects, main };
  }

  // -- names and objects -----------------------------------------------------

  obj(kind: Kind): string {
    const have = this.objects.filter((o) => o.kind === kind);
    if (have.length > 0 && (have.length >= MAX_OBJECTS[kind] || this.r.chance(0.7))) {
      return this.r.pick(have).name;
    }
    const name = `${PREFIX[kind]}${have.length + 1}`;
    switch (kind) {
      case 'semaphore':
        this.objects.push({ kind, name, value: this.r.int(1, 2), bounded: this.r.chance(0.3) });
        break;
      case 'queue':
        this.objects.push({ kind, name, maxsize: this.r.pick([0, 1, 1, 2]) });
        break;
      default:
        this.objects.push({ kind, name });
    }
    return name;
  }

  newTask(): string | null {
    if (this.tasks.length >= this.maxTasks) return null;
    const name = `t${this.tasks.length + 1}`;
    this.tasks.push(name);
    return name;
  }

  label(prefix: string): string {
    return `${prefix}${++this.#labels}`;
  }

  /**
   * A task or future to refer to, or null. Never a task this body runs inside
   * of; when the reference awaits (`awaiting`), never a task that (statically)
   * waits on this body's task, so no chain of tasks awaits itself: asyncio
   * reports a task awaiting itself as RuntimeError where aio throws TypeError,
   * and a cycle of waiters overflows the stack when it is cancelled.
   */
  ref(ctx: Ctx, awaiting = false): string | null {
    const owner = ctx.ancestors[ctx.ancestors.length - 1];
    const tasks = ['main', ...this.tasks].filter(
      (t) =>
        !ctx.ancestors.includes(t) && !(awaiting && owner !== undefined && this.reaches(t, owner)),
    );
    const futs = this.objects.filter((o) => o.kind === 'future').map((o) => o.name);
    if (tasks.length + futs.length === 0) return null;
    let pick: string;
    if (futs.length > 0 && (tasks.length === 0 || this.r.chance(0.25))) {
      pick = this.r.pick(futs);
    } else {
      // Recent tasks are the likeliest to be running.
      const recent = tasks.slice(-3);
      pick = this.r.chance(0.7) ? this.r.pick(recent) : this.r.pick(tasks);
    }
    if (awaiting && owner !== undefined) this.addWait(owner, pick);
    return pick;
  }

  /** Records that task `from` waits on `to`. */
  addWait(from: string, to: string): void {
    const set = this.waits.get(from) ?? new Set<string>();
    set.add(to);
    this.waits.set(from, set);
  }

  /** Whether task `from` waits on `to`, directly or through other tasks. */
  reaches(from: string, to: string): boolean {
    const seen = new Set<string>([from]);
    const stack = [from];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (t === to) return true;
      for (const n of this.waits.get(t) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    return false;
  }

  dur(): number {
    return this.r.pick(DURATIONS);
  }

  msg(): string | undefined {
    return this.r.chance(0.6) ? this.r.pick(MESSAGES) : undefined;
  }

  cancelOp(target: string): Op {
    const msg = this.msg();
    return msg === undefined ? { op: 'cancel', target } : { op: 'cancel', target, msg };
  }

  // -- bodies ----------------------------------------------------------------

  /** Up to `n` ops (fewer when the budget runs out). */
  body(ctx: Ctx, n: number): Op[] {
    const ops: Op[] = [];
    for (let i = 0; i < n && this.budget > 0; i++) ops.push(...this.ops(ctx));
    return ops;
  }

  /** A body for a new task (or coroutine) named `self`. */
  taskBody(parent: Ctx, self: string | null, n = this.r.int(1, 4)): Op[] {
    return this.body(
      {
        depth: parent.depth + 1,
        self,
        ancestors: self === null ? parent.ancestors : [...parent.ancestors, self],
        callback: false,
        timeouts: 0,
        groups: 0,
        holding: [],
      },
      n,
    );
  }

  /** The ops of a callback (no awaiting op). */
  callbackOps(parent: Ctx): Op[] {
    const ctx: Ctx = {
      depth: parent.depth + 1,
      self: null,
      ancestors: [],
      callback: true,
      timeouts: 0,
      groups: 0,
      holding: [],
    };
    return this.body(ctx, this.r.int(0, 2));
  }

  /** A spawn op, started eagerly with probability `eager`. */
  spawnOp(task: string, body: Op[], eager: number): Op {
    return this.r.chance(eager)
      ? { op: 'spawn', task, body, eager: true }
      : { op: 'spawn', task, body };
  }

  /** The context of the body of a new task `task` started from `parent`. */
  enter(parent: Ctx, task: string): Ctx {
    return {
      depth: parent.depth + 1,
      self: task,
      ancestors: [...parent.ancestors, task],
      callback: false,
      timeouts: 0,
      groups: 0,
      holding: [],
    };
  }

  nested(ctx: Ctx, extra: Partial<Ctx> = {}): Ctx {
    return { ...ctx, depth: ctx.depth + 1, ...extra };
  }

  child(ctx: Ctx): Child {
    const ref = this.r.chance(0.45) ? this.ref(ctx, true) : null;
    if (ref !== null) return { ref };
    const label = this.label('c');
    return { label, body: this.taskBody(ctx, null, this.r.int(1, 3)) };
  }

  // -- ops -------------------------------------------------------------------

  ops(ctx: Ctx): Op[] {
    this.budget--;
    const deep = ctx.depth >= this.maxDepth;
    if (!ctx.callback && !deep && this.r.chance(ctx.depth === 0 ? 0.3 : 0.12)) {
      return this.template(ctx);
    }
    if (ctx.callback) return [this.callbackOp(ctx)];
    const w: Partial<Record<Single, number>> = {
      sleep: 14,
      spawn: this.tasks.length < this.maxTasks ? 7 : 0,
      await: 5,
      cancel: 8,
      cancelSelf: 1,
      uncancel: 1,
      cancelling: 1,
      state: 2,
      gather: deep ? 0 : 5,
      wait: 3,
      waitFor: deep ? 0 : 4,
      asCompleted: deep ? 0 : 3,
      shield: deep ? 0 : 4,
      timeout: deep ? 0 : 5,
      reschedule: ctx.timeouts > 0 ? 5 : 0,
      taskGroup: deep ? 0 : 5,
      tgSpawn: ctx.groups > 0 && this.tasks.length < this.maxTasks ? 10 : 0,
      try: deep ? 0 : 8,
      raise: ctx.self === 'main' && ctx.depth === 0 ? 1 : 3,
      repeat: deep ? 0 : 1,
      future: 3,
      futCallback: 2,
      callSoon: 2,
      callLater: 2,
      cancelHandle: this.callbacks.length > 0 ? 1 : 0,
      event: 3,
      lock: 1,
      hold: deep ? 0 : 4,
      condition: ctx.holding.length > 0 ? 6 : 0,
      queue: 4,
      var: 2,
    };
    return this.single(this.r.weighted(w), ctx);
  }

  single(kind: Single, ctx: Ctx): Op[] {
    const r = this.r;
    switch (kind) {
      case 'sleep':
        return [{ op: 'sleep', ms: this.dur() }];
      case 'spawn': {
        const task = this.newTask();
        if (task === null) return [{ op: 'sleep', ms: 0 }];
        return [this.spawnOp(task, this.taskBody(ctx, task), 0.2)];
      }
      case 'await': {
        const target = this.ref(ctx, true);
        return target === null ? [] : [{ op: 'await', target }];
      }
      case 'cancel': {
        const target = this.ref(ctx);
        return target === null ? [] : [this.cancelOp(target)];
      }
      case 'cancelSelf':
        return [this.cancelOp('self')];
      case 'uncancel':
        return [{ op: 'uncancel' }];
      case 'cancelling':
        return [{ op: 'cancelling' }];
      case 'state': {
        const target = this.ref(ctx);
        return target === null ? [] : [{ op: 'state', target }];
      }
      case 'gather': {
        const children = Array.from({ length: r.int(1, 3) }, () => this.child(ctx));
        return [{ op: 'gather', children, returnExceptions: r.chance(0.5) }];
      }
      case 'wait': {
        const targets: string[] = [];
        for (let i = r.int(1, 3); i > 0; i--) {
          const t = this.ref(ctx, true);
          if (t !== null && !targets.includes(t)) targets.push(t);
        }
        if (targets.length === 0) return [];
        const returnWhen = r.pick(['FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'] as const);
        return [{ op: 'wait', targets, returnWhen, timeout: r.pick(TIMEOUTS) }];
      }
      case 'waitFor':
        return [{ op: 'waitFor', child: this.child(ctx), timeout: r.pick(TIMEOUTS) }];
      case 'asCompleted': {
        const children = Array.from({ length: r.int(1, 3) }, () => this.child(ctx));
        return [{ op: 'asCompleted', children, timeout: r.chance(0.5) ? r.pick(TIMEOUTS) : null }];
      }
      case 'shield':
        return [{ op: 'shield', child: this.child(ctx) }];
      case 'timeout': {
        const body = this.body(this.nested(ctx, { timeouts: ctx.timeouts + 1 }), r.int(1, 3));
        return [{ op: 'timeout', ms: r.pick(TIMEOUTS), body }];
      }
      case 'reschedule':
        return [{ op: 'reschedule', ms: r.chance(0.15) ? null : r.pick(DURATIONS) }];
      case 'taskGroup': {
        const inner = this.nested(ctx, { groups: ctx.groups + 1 });
        const body: Op[] = [];
        for (let i = r.int(1, 3); i > 0; i--) {
          const task = this.newTask();
          if (task !== null) body.push({ op: 'tgSpawn', task, body: this.taskBody(inner, task) });
        }
        body.push(...this.body(inner, r.int(0, 2)));
        return [{ op: 'taskGroup', body }];
      }
      case 'tgSpawn': {
        const task = this.newTask();
        if (task === null) return [];
        return [{ op: 'tgSpawn', task, body: this.taskBody(ctx, task) }];
      }
      case 'try':
        return [this.tryOp(ctx, this.body(this.nested(ctx), r.int(1, 3)))];
      case 'raise':
        return [{ op: 'raise', error: r.pick(ERRORS), msg: r.pick(MESSAGES) }];
      case 'repeat':
        return [{ op: 'repeat', n: r.int(2, 3), body: this.body(this.nested(ctx), r.int(1, 2)) }];
      case 'future':
      case 'futCallback':
      case 'callSoon':
      case 'callLater':
      case 'cancelHandle':
      case 'var':
        return [this.callbackOp(ctx, kind)];
      case 'event': {
        const target = this.obj('event');
        const op = r.weighted({ eventWait: 3, eventSet: 3, eventClear: 1 });
        return [{ op, target }];
      }
      case 'lock': {
        const target = r.chance(0.7) ? this.obj('lock') : this.obj('semaphore');
        return r.chance(0.6) ? [{ op: 'acquire', target }] : [{ op: 'release', target }];
      }
      case 'hold': {
        const kindOf = r.weighted({ lock: 4, semaphore: 2, condition: 2 });
        const target = this.obj(kindOf);
        const holding = kindOf === 'condition' ? [...ctx.holding, target] : ctx.holding;
        return [
          { op: 'hold', target, body: this.body(this.nested(ctx, { holding }), r.int(1, 2)) },
        ];
      }
      case 'condition': {
        const target = r.pick(ctx.holding);
        const op = r.weighted({ condWait: 3, notify: 2, notifyAll: 2 });
        if (op === 'notify') return [{ op, target, n: r.int(1, 2) }];
        return [{ op, target }];
      }
      case 'queue': {
        const target = this.obj('queue');
        const op = r.weighted({
          put: 3,
          get: 3,
          putNowait: 1,
          getNowait: 1,
          taskDone: 1,
          join: 1,
          shutdown: 0.5,
        });
        if (op === 'put' || op === 'putNowait') return [{ op, target, value: r.int(1, 9) }];
        if (op === 'shutdown') return [{ op, target, immediate: r.chance(0.5) }];
        return [{ op, target }];
      }
    }
  }

  /** A non-awaiting op (a callback's, or a task's bookkeeping). */
  callbackOp(ctx: Ctx, kind?: Single): Op {
    const r = this.r;
    const k =
      kind ??
      r.weighted<Single | 'cb'>({
        cancel: 5,
        future: 4,
        event: 2,
        spawn: this.tasks.length < this.maxTasks ? 2 : 0,
        var: 2,
        state: 1,
        raise: 1,
        queue: 1,
        lock: 1,
        cb: 1,
      });
    switch (k) {
      case 'cancel': {
        const target = this.ref(ctx);
        return target === null ? { op: 'state', target: 'main' } : this.cancelOp(target);
      }
      case 'future': {
        const target = this.obj('future');
        const op = r.weighted({ futSet: 4, futFail: 2, futCancel: 2 });
        if (op === 'futSet') return { op, target, value: r.int(1, 9) };
        if (op === 'futFail') return { op, target, error: r.pick(ERRORS), msg: r.pick(MESSAGES) };
        const msg = this.msg();
        return msg === undefined ? { op, target } : { op, target, msg };
      }
      case 'futCallback': {
        const target = r.chance(0.6) ? this.obj('future') : (this.ref(ctx) ?? this.obj('future'));
        return { op: 'futCallback', target, label: this.label('cb'), ops: this.callbackOps(ctx) };
      }
      case 'callSoon':
      case 'callLater':
      case 'cb': {
        const label = this.label('cb');
        this.callbacks.push(label);
        const ops = this.callbackOps(ctx);
        if (k === 'callSoon' || (k === 'cb' && r.chance(0.5)))
          return { op: 'callSoon', label, ops };
        return { op: 'callLater', ms: this.dur(), label, ops };
      }
      case 'cancelHandle':
        return { op: 'cancelHandle', label: r.pick(this.callbacks) };
      case 'event': {
        const target = this.obj('event');
        return { op: r.chance(0.8) ? 'eventSet' : 'eventClear', target };
      }
      case 'spawn': {
        const task = this.newTask();
        if (task === null) return { op: 'state', target: 'main' };
        return this.spawnOp(task, this.taskBody(ctx, task), 0.2);
      }
      case 'var': {
        const target = this.obj('var');
        return r.chance(0.5)
          ? { op: 'varSet', target, value: r.int(1, 9) }
          : { op: 'varGet', target };
      }
      case 'state': {
        const target = this.ref(ctx);
        return { op: 'state', target: target ?? 'main' };
      }
      case 'raise':
        return { op: 'raise', error: r.pick(ERRORS), msg: r.pick(MESSAGES) };
      case 'queue': {
        const target = this.obj('queue');
        return r.chance(0.6)
          ? { op: 'putNowait', target, value: r.int(1, 9) }
          : { op: 'getNowait', target };
      }
      case 'lock':
        return { op: 'release', target: r.chance(0.7) ? this.obj('lock') : this.obj('semaphore') };
      default:
        throw new Error(`callbackOp: ${k}`);
    }
  }

  tryOp(ctx: Ctx, body: Op[]): Op {
    const r = this.r;
    const kind = r.weighted<CatchKind>({ none: 3, cancelled: 5, error: 3, any: 2 });
    const catching = kind !== 'none';
    const cleanup = (): Op[] => {
      const ops: Op[] = [r.chance(0.6) ? { op: 'sleep', ms: 0 } : { op: 'sleep', ms: this.dur() }];
      if (r.chance(0.4)) ops.push(...this.body(this.nested(ctx), 1));
      return ops;
    };
    return {
      op: 'try',
      body,
      catch: kind,
      uncancel: catching && kind !== 'error' && r.chance(0.35),
      handler: catching && r.chance(0.5) ? cleanup() : [],
      reraise: catching && r.chance(0.5),
      finally: !catching || r.chance(0.5) ? cleanup() : null,
    };
  }

  // -- templates -------------------------------------------------------------

  template(ctx: Ctx): Op[] {
    const r = this.r;
    const t = r.weighted<Template>({
      cancelMidAwait: 6,
      groupFailsWhileSiblingsCleanUp: 4,
      shieldEitherSide: 3,
      contended: 3,
      producerConsumer: 2,
      equalDeadlines: 3,
      leftovers: ctx.self === 'main' ? 4 : 1,
      conditionWaiters: 2,
      eventWaiters: 2,
    });
    const d = this.dur();
    switch (t) {
      case 'cancelMidAwait': {
        const task = this.newTask();
        if (task === null) return [];
        const inner = this.taskBody(ctx, task, r.int(1, 3));
        const guarded = r.chance(0.7) ? [this.tryOp(this.enter(ctx, task), inner)] : inner;
        const ops: Op[] = [this.spawnOp(task, guarded, 0.2)];
        if (r.chance(0.8)) ops.push({ op: 'sleep', ms: d });
        ops.push(this.cancelOp(task));
        if (r.chance(0.5))
          ops.push(r.chance(0.5) ? { op: 'state', target: task } : { op: 'sleep', ms: 0 });
        const owner = ctx.ancestors[ctx.ancestors.length - 1]!;
        if (r.chance(0.4) && !this.reaches(task, owner)) {
          this.addWait(owner, task);
          ops.push({
            op: 'try',
            body: [{ op: 'await', target: task }],
            catch: 'any',
            uncancel: false,
            handler: [],
            reraise: false,
            finally: null,
          });
        }
        return ops;
      }
      case 'groupFailsWhileSiblingsCleanUp': {
        const inner = this.nested(ctx, { groups: ctx.groups + 1 });
        const body: Op[] = [];
        const failing = this.newTask();
        if (failing !== null) {
          const pre: Op[] = r.chance(0.8) ? [{ op: 'sleep', ms: d }] : [];
          body.push({
            op: 'tgSpawn',
            task: failing,
            body: [...pre, { op: 'raise', error: r.pick(ERRORS), msg: r.pick(MESSAGES) }],
          });
        }
        for (let i = r.int(1, 2); i > 0; i--) {
          const sibling = this.newTask();
          if (sibling === null) break;
          const sctx = this.enter(ctx, sibling);
          const work = this.taskBody(ctx, sibling, r.int(1, 2));
          body.push({
            op: 'tgSpawn',
            task: sibling,
            body: [this.tryOp(sctx, work.length > 0 ? work : [{ op: 'sleep', ms: this.dur() }])],
          });
        }
        body.push(...this.body(inner, r.int(0, 2)));
        const group: Op = { op: 'taskGroup', body };
        return r.chance(0.5) ? [this.tryOp(ctx, [group])] : [group];
      }
      case 'shieldEitherSide': {
        const inner = this.newTask();
        if (inner === null) return [];
        // The inner task's body is made before the outer task exists: it cannot wait on it.
        const innerBody = this.taskBody(ctx, inner, r.int(1, 3));
        const outer = this.newTask();
        if (outer === null) return [];
        this.addWait(outer, inner);
        const octx = this.enter(ctx, outer);
        const shielded: Op = { op: 'shield', child: { ref: inner } };
        return [
          {
            op: 'spawn',
            task: inner,
            body: innerBody.length ? innerBody : [{ op: 'sleep', ms: d }],
          },
          {
            op: 'spawn',
            task: outer,
            body: [r.chance(0.7) ? this.tryOp(octx, [shielded]) : shielded],
          },
          { op: 'sleep', ms: this.dur() },
          this.cancelOp(r.chance(0.5) ? inner : outer),
          ...(r.chance(0.5) ? ([{ op: 'sleep', ms: this.dur() }] as Op[]) : []),
        ];
      }
      case 'contended': {
        const target = r.chance(0.6) ? this.obj('lock') : this.obj('semaphore');
        const ops: Op[] = [];
        const names: string[] = [];
        for (let i = r.int(2, 3); i > 0; i--) {
          const task = this.newTask();
          if (task === null) break;
          names.push(task);
          const work: Op[] = [{ op: 'hold', target, body: [{ op: 'sleep', ms: this.dur() }] }];
          ops.push({
            op: 'spawn',
            task,
            body: r.chance(0.3) ? [{ op: 'repeat', n: 2, body: work }] : work,
          });
        }
        if (names.length > 0 && r.chance(0.6)) {
          ops.push({ op: 'sleep', ms: this.dur() }, this.cancelOp(r.pick(names)));
        }
        return ops;
      }
      case 'producerConsumer': {
        const q = this.obj('queue');
        const producer = this.newTask();
        const consumer = this.newTask();
        if (producer === null || consumer === null) return [];
        const n = r.int(1, 3);
        const puts: Op[] = [];
        const gets: Op[] = [];
        for (let i = 1; i <= n; i++) {
          puts.push({ op: 'put', target: q, value: i });
          if (r.chance(0.3)) puts.push({ op: 'sleep', ms: this.dur() });
          gets.push({ op: 'get', target: q });
          if (r.chance(0.5)) gets.push({ op: 'taskDone', target: q });
        }
        if (r.chance(0.3)) puts.push({ op: 'join', target: q });
        const ops: Op[] = [
          { op: 'spawn', task: producer, body: puts },
          { op: 'spawn', task: consumer, body: gets },
        ];
        if (r.chance(0.4))
          ops.push({ op: 'sleep', ms: this.dur() }, this.cancelOp(r.pick([producer, consumer])));
        if (r.chance(0.15)) ops.push({ op: 'shutdown', target: q, immediate: r.chance(0.5) });
        return ops;
      }
      case 'equalDeadlines': {
        const ops: Op[] = [];
        const at = r.pick([1, 2, 5, 10]);
        for (let i = r.int(2, 3); i > 0; i--) {
          const task = this.newTask();
          if (task === null) break;
          ops.push({
            op: 'spawn',
            task,
            body: [{ op: 'sleep', ms: at }, ...this.taskBody(ctx, task, r.int(0, 2))],
          });
        }
        if (r.chance(0.5)) {
          const label = this.label('cb');
          this.callbacks.push(label);
          ops.push({ op: 'callLater', ms: at, label, ops: this.callbackOps(ctx) });
        }
        if (r.chance(0.5)) {
          ops.push({ op: 'timeout', ms: at, body: [{ op: 'sleep', ms: at }] });
        } else {
          ops.push({ op: 'sleep', ms: at });
        }
        return ops;
      }
      case 'leftovers': {
        // A task that outlives main with children of its own (spawned, or in a
        // task group it owns), all cleaning up with awaits when run() cancels them.
        const task = this.newTask();
        if (task === null) return [];
        const tctx = this.enter(ctx, task);
        const grouped = r.chance(0.4);
        const gctx = grouped ? this.nested(tctx, { groups: tctx.groups + 1 }) : tctx;
        const subs: Op[] = [];
        for (let i = r.int(1, 2); i > 0; i--) {
          const sub = this.newTask();
          if (sub === null) break;
          const subBody: Op[] = [
            { op: 'sleep', ms: r.pick([5, 10, 20]) },
            ...this.taskBody(tctx, sub, r.int(0, 1)),
          ];
          const subOps = r.chance(0.7) ? [this.tryOp(this.enter(tctx, sub), subBody)] : subBody;
          subs.push(
            grouped ? { op: 'tgSpawn', task: sub, body: subOps } : this.spawnOp(sub, subOps, 0.25),
          );
        }
        const rest: Op[] = r.chance(0.7) ? [{ op: 'sleep', ms: r.pick([10, 20]) }] : [];
        const body: Op[] = grouped
          ? [{ op: 'taskGroup', body: [...subs, ...rest] }]
          : [...subs, ...rest];
        const guarded = r.chance(0.5) ? [this.tryOp(gctx, body)] : body;
        const ops: Op[] = [this.spawnOp(task, guarded, 0.35)];
        if (r.chance(0.5)) ops.push({ op: 'sleep', ms: r.pick([0, 1, 2]) });
        return ops;
      }
      case 'conditionWaiters': {
        const k = this.obj('condition');
        const ops: Op[] = [];
        for (let i = r.int(1, 2); i > 0; i--) {
          const task = this.newTask();
          if (task === null) break;
          ops.push({
            op: 'spawn',
            task,
            body: [{ op: 'hold', target: k, body: [{ op: 'condWait', target: k }] }],
          });
        }
        ops.push({ op: 'sleep', ms: this.dur() });
        const note: Op = r.chance(0.5)
          ? { op: 'notify', target: k, n: r.int(1, 2) }
          : { op: 'notifyAll', target: k };
        ops.push({ op: 'hold', target: k, body: [note] });
        return ops;
      }
      case 'eventWaiters': {
        const e = this.obj('event');
        const ops: Op[] = [];
        for (let i = r.int(1, 2); i > 0; i--) {
          const task = this.newTask();
          if (task === null) break;
          ops.push({
            op: 'spawn',
            task,
            body: [{ op: 'eventWait', target: e }, ...this.taskBody(ctx, task, r.int(0, 1))],
          });
        }
        ops.push({ op: 'sleep', ms: this.dur() }, { op: 'eventSet', target: e });
        return ops;
      }
    }
  }
}

/**
 * The program for `seed`: the same seed always gives the same program.
 *
 * @example
 * ```ts
 * const p = generateProgram(programSeed('12345', 0));
 * ```
 */
export function generateProgram(seed: string, opts: GenerateOptions = {}): Program {
  return new Generator(seed, opts).program();
}
