import {
  type Coro,
  createTask,
  currentTask,
  EventLoop,
  getRunningLoop,
  sleep,
  type Instrument,
  type Task,
} from '@aio/core';
import {
  type Context,
  type ContextManager,
  context,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { TestClock } from '@aio/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { otelInstrument } from './index';

function setup() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, tracer: provider.getTracer('test') };
}

/**
 * Runs `main` on a new loop with `instruments` (run() would add the two tasks of its
 * shutdown steps, which would make spans too).
 */
async function runLoop<T>(main: Coro<T>, instruments: Instrument[]): Promise<T> {
  const loop = new EventLoop({ clock: new TestClock() });
  for (const i of instruments) loop.addInstrument(i);
  try {
    return await loop.runUntilComplete(main);
  } finally {
    loop.close();
  }
}

/** The spans as `name <- parent name`. */
function tree(spans: readonly ReadableSpan[]): string[] {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s.name]));
  return spans.map((s) => {
    const parent = s.parentSpanContext?.spanId;
    return `${s.name} <- ${parent === undefined ? '(root)' : (byId.get(parent) ?? '(outside)')}`;
  });
}

/**
 * A synchronous context manager: `with()` makes a context active for the synchronous
 * part of its callback only (enough here: a root task is created synchronously).
 */
class StackContextManager implements ContextManager {
  #current: Context = ROOT_CONTEXT;

  active(): Context {
    return this.#current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const previous = this.#current;
    this.#current = ctx;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.#current = previous;
    }
  }

  bind<T>(_ctx: Context, target: T): T {
    return target;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.#current = ROOT_CONTEXT;
    return this;
  }
}

describe('otelInstrument', () => {
  it('makes a span per task, named after it, parented to the span of its creator', async () => {
    const { exporter, tracer } = setup();
    await runLoop(
      (function* (): Coro<void> {
        currentTask()?.setName('main');
        const fetch = createTask(
          (function* (): Coro<void> {
            yield* createTask(sleep(5), { name: 'parse' });
          })(),
          { name: 'fetch' },
        );
        yield* createTask(sleep(1), { name: 'log' });
        yield* fetch;
      })(),
      [otelInstrument({ tracer })],
    );
    expect(tree(exporter.getFinishedSpans())).toEqual([
      'log <- main',
      'parse <- fetch',
      'fetch <- main',
      'main <- (root)',
    ]);
    const main = exporter.getFinishedSpans().find((s) => s.name === 'main');
    expect(main?.attributes).toEqual({ 'aio.task.name': 'main', 'aio.task.id': 1 });
    expect(main?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('parents root tasks to the context it is given (aio has no AsyncLocalStorage)', async () => {
    const { exporter, tracer } = setup();
    const request = tracer.startSpan('GET /checkout');
    await runLoop(
      (function* (): Coro<void> {
        yield* sleep(1);
      })(),
      [otelInstrument({ tracer, context: trace.setSpan(ROOT_CONTEXT, request) })],
    );
    request.end();
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual([
      expect.stringMatching(/^Task-\d+$/),
      'GET /checkout',
    ]);
    expect(spans[0]?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(spans[0]?.spanContext().traceId).toBe(request.spanContext().traceId);
  });

  it('parents root tasks to the active context when no context is given', async () => {
    const { exporter, tracer } = setup();
    const manager = new StackContextManager();
    expect(context.setGlobalContextManager(manager)).toBe(true);
    const request = tracer.startSpan('GET /checkout');
    try {
      const inside = context.with(trace.setSpan(ROOT_CONTEXT, request), () =>
        runLoop(
          (function* (): Coro<void> {
            currentTask()?.setName('main');
            yield* createTask(sleep(1), { name: 'child' });
          })(),
          [otelInstrument({ tracer })],
        ),
      );
      expect(context.active()).toBe(ROOT_CONTEXT); // the loop runs on outside the `with`
      await inside;
      // a root task created outside the `with` gets no parent
      await runLoop(
        (function* (): Coro<void> {
          currentTask()?.setName('later');
          yield* sleep(1);
        })(),
        [otelInstrument({ tracer })],
      );
    } finally {
      context.disable();
    }
    request.end();
    const spans = exporter.getFinishedSpans();
    expect(tree(spans)).toEqual([
      'child <- main',
      'main <- GET /checkout',
      'later <- (root)',
      'GET /checkout <- (root)',
    ]);
    const main = spans.find((s) => s.name === 'main');
    expect(main?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(main?.spanContext().traceId).toBe(request.spanContext().traceId);
    expect(context.active()).toBe(ROOT_CONTEXT);
  });

  it('records a failure with status ERROR, without silencing "exception was never retrieved"', async () => {
    const { exporter, tracer } = setup();
    const loop = new EventLoop({ clock: new TestClock() });
    const handler = vi.fn();
    loop.setExceptionHandler(handler);
    loop.addInstrument(otelInstrument({ tracer }));
    await loop.runUntilComplete(
      (function* (): Coro<void> {
        createTask(
          (function* (): Coro<void> {
            yield;
            throw new TypeError('bad input');
          })(),
          { name: 'lost' },
        );
        yield* sleep(1);
      })(),
    );
    loop.close();
    const lost = exporter.getFinishedSpans().find((s) => s.name === 'lost');
    expect(lost?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'TypeError: bad input' });
    expect(
      lost?.events.map((e) => [
        e.name,
        e.attributes?.['exception.type'],
        e.attributes?.['exception.message'],
      ]),
    ).toEqual([['exception', 'TypeError', 'bad input']]);
    const gc = (globalThis as { gc?: () => void }).gc as () => void;
    for (let i = 0; i < 6 && handler.mock.calls.length === 0; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]?.[1].message).toBe('Task exception was never retrieved');
  });

  it('marks a cancelled task, with an event for each cancel request', async () => {
    const { exporter, tracer } = setup();
    await runLoop(
      (function* (): Coro<void> {
        currentTask()?.setName('main');
        const t = createTask(sleep(100), { name: 'slow' });
        yield* sleep(1);
        t.cancel('too slow');
        yield* sleep(1);
      })(),
      [otelInstrument({ tracer })],
    );
    const slow = exporter.getFinishedSpans().find((s) => s.name === 'slow');
    expect(slow?.attributes['aio.task.cancelled']).toBe(true);
    expect(slow?.status.code).toBe(SpanStatusCode.UNSET);
    expect(slow?.events.map((e) => [e.name, e.attributes])).toEqual([
      ['aio.task.cancel_requested', { 'aio.cancel.by': 'main', 'aio.cancel.message': 'too slow' }],
    ]);
  });

  it('names a span after the task’s final name, and adds the attributes asked for', async () => {
    const { exporter, tracer } = setup();
    await runLoop(
      (function* (): Coro<void> {
        const t = createTask(sleep(1));
        t.setName('renamed');
        yield* t;
      })(),
      [otelInstrument({ tracer, attributes: (task) => ({ 'app.kind': `job ${task.getName()}` }) })],
    );
    const span = exporter.getFinishedSpans()[0];
    expect(span?.name).toBe('renamed');
    expect(span?.attributes['aio.task.name']).toBe('renamed');
    expect(span?.attributes['app.kind']).toMatch(/^job Task-\d+$/); // asked at creation
  });

  it('gives a task’s span and context, to parent the spans a task starts by hand', async () => {
    const { exporter, tracer } = setup();
    const otel = otelInstrument({ tracer });
    let done: Task<void> | undefined;
    await runLoop(
      (function* (): Coro<void> {
        currentTask()?.setName('main');
        const me = currentTask() as Task<unknown>;
        const db = tracer.startSpan('db.query', {}, otel.contextOf(me));
        db.end();
        expect(otel.spanOf(me)?.spanContext().spanId).toBe(
          (db as unknown as ReadableSpan).parentSpanContext?.spanId,
        );
        done = createTask(sleep(1));
        yield* done;
        expect(otel.spanOf(done)).toBeUndefined();
      })(),
      [otel],
    );
    expect(tree(exporter.getFinishedSpans())).toEqual([
      'db.query <- main',
      expect.stringMatching(/^Task-\d+ <- main$/),
      'main <- (root)',
    ]);
  });

  it('runs with the API alone (no SDK registered): spans are no-ops', async () => {
    expect(trace.getTracer('x').startSpan('y').isRecording()).toBe(false);
    const result = await runLoop(
      (function* (): Coro<number> {
        yield* sleep(1);
        return getRunningLoop().time();
      })(),
      [otelInstrument()],
    );
    expect(result).toBe(1);
    expect(context.active()).toBe(ROOT_CONTEXT);
  });

  it('rejects bad options with errors that say what was wrong', () => {
    expect(() => otelInstrument(1 as never)).toThrow(
      'otelInstrument(): opts must be an object, got 1',
    );
    expect(() => otelInstrument({ tracer: {} as never })).toThrow(
      'otelInstrument(): tracer must be an OpenTelemetry Tracer, got an object',
    );
    expect(() => otelInstrument({ attributes: 'x' as never })).toThrow(
      "otelInstrument(): attributes must be a function, got 'x'",
    );
  });
});
