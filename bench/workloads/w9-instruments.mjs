// W9: the cost of instruments. W2's workload (spawn N tasks that each give up control
// once and return their index; gather them; check the sum), run
//   none      with no instrument (W2's aio-gather, the baseline of the ratios)
//   empty     with an instrument whose every hook is an empty function
//   tracker   with @aio/trace's task tracker (what the task dumps install)
//   watchdog  with @aio/trace's watchdog (default thresholds)
//   recorder  with @aio/trace's recorder (recordTrace); the trace is checked afterwards,
//             untimed: every task's two steps are in it
//   otel      with @aio/trace/otel's instrument, spans made by the OpenTelemetry SDK
//             and handed to a no-op exporter (one span per task, counted)
import { createTask, gather, getRunningLoop, run } from '@aio/core';
import { recordTrace, trackTasks, watchTasks } from '@aio/trace';
import { otelInstrument } from '@aio/trace/otel';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { check, main, options, timeRuns, triangle, sumOf } from '../lib/harness.mjs';

function* child(i) {
  yield;
  return i;
}

function* spawnAll(n) {
  const tasks = new Array(n);
  for (let i = 0; i < n; i++) tasks[i] = createTask(child(i));
  return sumOf(yield* gather(tasks));
}

const empty = {
  beforeRun() {},
  afterRun() {},
  taskCreated() {},
  taskScheduled() {},
  beforeTaskStep() {},
  afterTaskStep() {},
  taskDone() {},
  cancelRequested() {},
  beforeIdle() {},
  afterIdle() {},
};

/** A run whose result is checked; `verify` (untimed) checks what the instrument saw. */
function timed(fn, verify) {
  return async (n) => {
    const t0 = performance.now();
    const value = await fn(n);
    const elapsedMs = performance.now() - t0;
    verify?.(n);
    return { elapsedMs, value };
  };
}

const impls = {
  none: () => timed((n) => run(spawnAll(n))),
  empty: () => timed((n) => run(spawnAll(n), { instruments: [empty] })),
  tracker: () => timed((n) => run(spawnAll(n), { instruments: [trackTasks()] })),
  watchdog: () =>
    timed((n) =>
      run(
        (function* () {
          const dog = watchTasks();
          const sum = yield* spawnAll(n);
          dog.stop();
          return sum;
        })(),
      ),
    ),
  recorder: () => {
    let rec;
    return timed(
      (n) =>
        run(
          (function* () {
            rec = recordTrace(getRunningLoop(), { maxSteps: 10 * n });
            const sum = yield* spawnAll(n);
            rec.stop();
            return sum;
          })(),
        ),
      (n) => {
        const steps = rec.toChromeTrace().traceEvents.filter((e) => e.ph === 'X' && e.tid > 1);
        check('steps recorded', steps.length, 2 * n);
      },
    );
  },
  otel: () => {
    let spans = 0;
    const exporter = {
      export(batch, done) {
        spans += batch.length;
        done({ code: 0 });
      },
      shutdown: async () => {},
    };
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('bench');
    return timed(
      (n) => {
        spans = 0;
        return run(spawnAll(n), { instruments: [otelInstrument({ tracer })] });
      },
      (n) => {
        // One span per task: the N children, main, and run()'s two shutdown steps.
        check('spans exported', spans, n + 3);
      },
    );
  },
};

main(async () => {
  const opts = options();
  const load = impls[opts.impl];
  if (load === undefined) throw new Error(`unknown impl ${opts.impl}`);
  const fn = await load();
  await timeRuns(opts, fn, (r) => check('sum of task results', r, triangle(opts.n)));
});
