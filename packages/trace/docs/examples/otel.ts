// A span per task, parented to the span of the task that created it.
import { type Coro, createTask, currentTask, EventLoop, gather, sleep } from '@aio/core';
import { otelInstrument } from '@aio/trace/otel';
import { VirtualClock } from '@aio/timers';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

function* fetchPrice(item: string): Coro<number> {
  yield* sleep(20);
  if (item === 'lamp') throw new Error('503 from the price service');
  return 10;
}

function* checkout(): Coro<void> {
  currentTask()?.setName('checkout');
  const slow = createTask(sleep(5000), { name: 'recommendations' });
  yield* gather(
    createTask(fetchPrice('desk'), { name: 'price desk' }),
    createTask(fetchPrice('lamp'), { name: 'price lamp' }),
    { returnExceptions: true },
  );
  slow.cancel('checkout done');
  yield* sleep(1);
}

const loop = new EventLoop({ clock: new VirtualClock() });
loop.addInstrument(otelInstrument({ tracer: provider.getTracer('shop') }));
await loop.runUntilComplete(checkout());
loop.close();

// The finished spans as a tree.
const spans = exporter.getFinishedSpans();
const children = (id?: string) => spans.filter((s) => s.parentSpanContext?.spanId === id);
const show = (s: ReadableSpan, pad: string) => {
  const notes = [`aio.task.id=${s.attributes['aio.task.id']}`];
  if (s.status.code === SpanStatusCode.ERROR) notes.push(`ERROR: ${s.status.message}`);
  if (s.attributes['aio.task.cancelled']) notes.push('aio.task.cancelled=true');
  for (const e of s.events) notes.push(`event ${e.name}`);
  console.log(`${pad}${s.name}  (${notes.join(', ')})`);
  for (const c of children(s.spanContext().spanId)) show(c, `${pad}  `);
};
for (const root of children(undefined)) show(root, '');
