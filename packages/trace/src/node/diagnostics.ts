/**
 * `publishDiagnostics`: task events on `node:diagnostics_channel`, the convention undici
 * and fastify follow, so that APM tools and ad-hoc probes can subscribe by channel name
 * without touching the program's code paths. Messages are published only while a
 * channel has subscribers.
 *
 * @module
 */

import { type Channel, channel } from 'node:diagnostics_channel';
import {
  type EventLoop,
  type Future,
  getRunningLoops,
  type Instrument,
  type Task,
} from '@aio/core';
import { show } from '../show';

/**
 * The channel names {@link publishDiagnostics} publishes on, and what each message holds.
 *
 * @example
 * ```ts
 * import { diagnosticsChannels } from '@aio/trace/node';
 *
 * console.log(diagnosticsChannels.taskDone); // → aio:task:done
 * ```
 */
export const diagnosticsChannels = {
  /** `{ task, parent, loop }`: a task was created (`parent`: the creating task, if any). */
  taskCreated: 'aio:task:created',
  /** `{ task, wokenBy }`: a task was put on the ready queue (`wokenBy`: the future that woke it). */
  taskScheduled: 'aio:task:scheduled',
  /** `{ task }`: a step of the task starts. */
  taskStepStart: 'aio:task:step:start',
  /** `{ task }`: ... and ends. */
  taskStepEnd: 'aio:task:step:end',
  /** `{ task }`: the task is done (result, exception or cancellation). */
  taskDone: 'aio:task:done',
  /** `{ task, by, message }`: `task.cancel(message)` was called by `by` (a task, if any). */
  taskCancelRequested: 'aio:task:cancel-requested',
  /** `{ loop }`: a loop starts running. */
  loopRunStart: 'aio:loop:run:start',
  /** `{ loop }`: ... and stops. */
  loopRunEnd: 'aio:loop:run:end',
} as const;

class DiagnosticsPublisher implements Instrument {
  readonly name = '@aio/trace diagnostics';
  readonly #created: Channel = channel(diagnosticsChannels.taskCreated);
  readonly #scheduled: Channel = channel(diagnosticsChannels.taskScheduled);
  readonly #stepStart: Channel = channel(diagnosticsChannels.taskStepStart);
  readonly #stepEnd: Channel = channel(diagnosticsChannels.taskStepEnd);
  readonly #done: Channel = channel(diagnosticsChannels.taskDone);
  readonly #cancel: Channel = channel(diagnosticsChannels.taskCancelRequested);
  readonly #runStart: Channel = channel(diagnosticsChannels.loopRunStart);
  readonly #runEnd: Channel = channel(diagnosticsChannels.loopRunEnd);

  beforeRun(loop: EventLoop): void {
    if (this.#runStart.hasSubscribers) this.#runStart.publish({ loop });
  }

  afterRun(loop: EventLoop): void {
    if (this.#runEnd.hasSubscribers) this.#runEnd.publish({ loop });
  }

  taskCreated(task: Task<unknown>, parent: Task<unknown> | undefined): void {
    if (this.#created.hasSubscribers) this.#created.publish({ task, parent, loop: task.getLoop() });
  }

  taskScheduled(task: Task<unknown>, wokenBy: Future<unknown> | undefined): void {
    if (this.#scheduled.hasSubscribers) this.#scheduled.publish({ task, wokenBy });
  }

  beforeTaskStep(task: Task<unknown>): void {
    if (this.#stepStart.hasSubscribers) this.#stepStart.publish({ task });
  }

  afterTaskStep(task: Task<unknown>): void {
    if (this.#stepEnd.hasSubscribers) this.#stepEnd.publish({ task });
  }

  taskDone(task: Task<unknown>): void {
    if (this.#done.hasSubscribers) this.#done.publish({ task });
  }

  cancelRequested(
    task: Task<unknown>,
    by: Task<unknown> | undefined,
    msg: string | undefined,
  ): void {
    if (this.#cancel.hasSubscribers) this.#cancel.publish({ task, by, message: msg });
  }
}

let publisher: DiagnosticsPublisher | undefined;

/**
 * Publishes task events on `node:diagnostics_channel` (channel names in
 * {@link diagnosticsChannels}: `aio:task:created`, `aio:task:done`, …) for `loop`, or,
 * when omitted, for every loop running now. Returns the publisher, an instrument: pass it
 * to `run(main, { instruments: [publishDiagnostics()] })` to cover a loop from its first
 * task. A message is built only when its channel has subscribers.
 *
 * @throws TypeError if `loop` is not an event loop.
 * @example
 * ```ts
 * import { subscribe, unsubscribe } from 'node:diagnostics_channel';
 * import { createTask, run, sleep } from '@aio/core';
 * import { publishDiagnostics } from '@aio/trace/node';
 *
 * const seen: string[] = [];
 * const onDone = ({ task }: { task: { getName(): string } }) => seen.push(task.getName());
 * subscribe('aio:task:done', onDone as never);
 * await run((function* () {
 *   publishDiagnostics();
 *   yield* createTask(sleep(1), { name: 'job' });
 * })());
 * unsubscribe('aio:task:done', onDone as never);
 * console.log(seen[0]); // → job
 * ```
 */
export function publishDiagnostics(loop?: EventLoop): Instrument {
  if (
    loop !== undefined &&
    (loop === null || typeof loop !== 'object' || typeof loop.addInstrument !== 'function')
  ) {
    throw new TypeError(`publishDiagnostics(): an EventLoop was expected, got ${show(loop)}`);
  }
  publisher ??= new DiagnosticsPublisher();
  for (const l of loop === undefined ? getRunningLoops() : [loop]) l.addInstrument(publisher);
  return publisher;
}
