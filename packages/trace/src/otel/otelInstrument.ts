/**
 * OpenTelemetry spans for aio tasks: one span per task, named after it, parented to the
 * span of the task that created it. A root task (created outside any task) is parented
 * to the context you pass, or to OpenTelemetry's active context when it is created:
 * aio has no AsyncLocalStorage, so to put a run under an incoming request's span, pass
 * that span's context explicitly.
 *
 * A failure records the exception (an `exception` event) and sets status ERROR; a
 * cancellation sets `aio.task.cancelled = true`; each cancel request is an event
 * `aio.task.cancel_requested` with who asked and the message.
 *
 * @module
 */

import {
  type Attributes,
  type Context,
  context as otelContext,
  type Span,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { Instrument, Task } from '@aio/core';
import { outcomeOf } from '../outcome';
import { idOf, TaskSlot } from '../records';
import { show } from '../show';

/**
 * Options of {@link otelInstrument}.
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api';
 * import type { OtelInstrumentOptions } from '@aio/trace/otel';
 *
 * const opts: OtelInstrumentOptions = { tracer: trace.getTracer('checkout') };
 * console.log(typeof opts.tracer?.startSpan); // → function
 * ```
 */
export interface OtelInstrumentOptions {
  /** The tracer that makes the spans (default: `trace.getTracer('@aio/trace')`). */
  tracer?: Tracer;
  /**
   * The parent context of root tasks (default: OpenTelemetry's active context when each
   * root task is created).
   */
  context?: Context;
  /** Extra attributes for a task's span, asked when the task is created. */
  attributes?: (task: Task<unknown>) => Attributes;
}

/**
 * The instrument {@link otelInstrument} returns: add it to a loop, and ask it for a
 * task's span or context to parent your own spans.
 *
 * @example
 * ```ts
 * import { currentTask, run } from '@aio/core';
 * import { otelInstrument } from '@aio/trace/otel';
 *
 * const otel = otelInstrument();
 * await run((function* () {
 *   console.log(otel.spanOf(currentTask()!) !== undefined); // → true
 * })(), { instruments: [otel] });
 * ```
 */
export interface OtelInstrument extends Instrument {
  /** The span of `task` while it is pending (`undefined` once it is done, or unknown). */
  spanOf(task: Task<unknown>): Span | undefined;
  /** A context whose active span is `task`'s: the parent for spans the task starts. */
  contextOf(task: Task<unknown>): Context | undefined;
}

class OtelTaskInstrument implements OtelInstrument {
  readonly name = '@aio/trace otel';
  readonly #tracer: Tracer;
  readonly #root: Context | undefined;
  readonly #attributes: ((task: Task<unknown>) => Attributes) | undefined;
  readonly #spans = new TaskSlot<Span>('@aio/trace otel span');

  constructor(opts: OtelInstrumentOptions | undefined) {
    this.#tracer = opts?.tracer ?? trace.getTracer('@aio/trace');
    this.#root = opts?.context;
    this.#attributes = opts?.attributes;
  }

  spanOf(task: Task<unknown>): Span | undefined {
    return this.#spans.get(task);
  }

  contextOf(task: Task<unknown>): Context | undefined {
    const span = this.#spans.get(task);
    return span === undefined ? undefined : trace.setSpan(otelContext.active(), span);
  }

  taskCreated(task: Task<unknown>, parent: Task<unknown> | undefined): void {
    const parentSpan = parent === undefined ? undefined : this.#spans.get(parent);
    const base = this.#root ?? otelContext.active();
    const ctx = parentSpan === undefined ? base : trace.setSpan(base, parentSpan);
    const name = task.getName();
    const attributes: Attributes = { 'aio.task.name': name, 'aio.task.id': idOf(task) };
    const extra = this.#attributes;
    if (extra !== undefined) Object.assign(attributes, extra(task));
    this.#spans.set(task, this.#tracer.startSpan(name, { attributes }, ctx));
  }

  cancelRequested(
    task: Task<unknown>,
    by: Task<unknown> | undefined,
    msg: string | undefined,
  ): void {
    const span = this.#spans.get(task);
    if (span === undefined) return;
    const attrs: Attributes = { 'aio.cancel.by': by === undefined ? '' : by.getName() };
    if (msg !== undefined) attrs['aio.cancel.message'] = String(msg);
    span.addEvent('aio.task.cancel_requested', attrs);
  }

  taskDone(task: Task<unknown>): void {
    const span = this.#spans.get(task);
    if (span === undefined) return;
    this.#spans.set(task, undefined);
    const name = task.getName();
    span.updateName(name);
    span.setAttribute('aio.task.name', name);
    const o = outcomeOf(task);
    if (o.kind === 'cancelled') span.setAttribute('aio.task.cancelled', true);
    else if (o.kind === 'error') {
      const e = o.error;
      span.recordException(e instanceof Error ? e : String(e));
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      });
    }
    span.end();
  }
}

/**
 * An instrument that makes an OpenTelemetry span for each task: named after the task,
 * parented to the span of the task that created it (for a root task: `opts.context`, or
 * the active context). A failure records the exception with status ERROR; a cancellation
 * sets `aio.task.cancelled = true`; each cancel request adds an
 * `aio.task.cancel_requested` event. Attributes: `aio.task.name`, `aio.task.id`.
 * `@opentelemetry/api` is an optional peer dependency, needed by this entry only.
 *
 * @throws TypeError for a bad option.
 * @example
 * ```ts
 * import { createTask, currentTask, run, sleep } from '@aio/core';
 * import { otelInstrument } from '@aio/trace/otel';
 * import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
 *
 * const exporter = new InMemorySpanExporter();
 * const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
 * function* main() {
 *   currentTask()?.setName('main');
 *   yield* createTask(sleep(10), { name: 'fetch' });
 * }
 * await run(main(), { instruments: [otelInstrument({ tracer: provider.getTracer('demo') })] });
 * const [fetch, root] = exporter.getFinishedSpans();
 * console.log(fetch?.name, root?.name, fetch?.parentSpanContext?.spanId === root?.spanContext().spanId);
 * // → fetch main true
 * ```
 */
export function otelInstrument(opts?: OtelInstrumentOptions): OtelInstrument {
  if (opts !== undefined && (opts === null || typeof opts !== 'object')) {
    throw new TypeError(`otelInstrument(): opts must be an object, got ${show(opts)}`);
  }
  const tracer = opts?.tracer;
  if (tracer !== undefined && typeof tracer?.startSpan !== 'function') {
    throw new TypeError(
      `otelInstrument(): tracer must be an OpenTelemetry Tracer, got ${show(tracer)}`,
    );
  }
  const attributes = opts?.attributes;
  if (attributes !== undefined && typeof attributes !== 'function') {
    throw new TypeError(`otelInstrument(): attributes must be a function, got ${show(attributes)}`);
  }
  return new OtelTaskInstrument(opts);
}
