// Record a run and open it: a Chrome Trace Event file for Perfetto UI, or one HTML page.
import { writeFileSync } from 'node:fs';
import { type Coro, createTask, currentTask, gather, Lock, run, sleep } from '@aio/core';
import { recordTrace } from '@aio/trace';
import { VirtualClock } from '@aio/timers';

const lock = new Lock();

function* writer(): Coro<void> {
  yield* lock.acquire();
  yield* sleep(150);
  lock.release();
}

function* reader(): Coro<void> {
  yield* sleep(1);
  yield* lock.acquire();
  lock.release();
}

function* main(): Coro<void> {
  currentTask()?.setName('main');
  const rec = recordTrace();
  const sleeper = createTask(sleep(1000), { name: 'sleeper' });
  yield* gather(createTask(writer(), { name: 'writer' }), createTask(reader(), { name: 'reader' }));
  sleeper.cancel('not needed');
  yield;
  rec.stop();
  const trace = rec.toChromeTrace();
  writeFileSync(process.argv[2] ?? 'trace.json', JSON.stringify(trace)); // for ui.perfetto.dev
  writeFileSync(process.argv[3] ?? 'trace.html', rec.toHtml({ title: 'writer and reader' }));
  const count = (ph: string) => trace.traceEvents.filter((e) => e.ph === ph).length;
  console.log(`${count('X')} slices, ${count('s')} arrows, ${count('i')} cancel request`);
}

await run(main(), { clock: new VirtualClock() });
