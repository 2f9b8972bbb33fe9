// The README's "used by" path under a VirtualClock: a Task turned into a Promise or an
// Observable, and wrapped back with wrapPromise. The VirtualClock holds time still while
// a wrapped promise is pending; once the host has no work left, that promise can only
// settle through the loop's own progress, so the clock moves on.
import { type Coro, createTask, run, runSync, sleep, wrapPromise } from '@aio/core';
import { toPromise } from '@aio/interop';
import { toObservable } from '@aio/interop/rxjs';
import { VirtualClock } from '@aio/timers';
import { runVirtual, runVirtualSync } from '@aio/timers/testing';
import { firstValueFrom, lastValueFrom } from 'rxjs';

function* answer(): Coro<number> {
  yield* sleep(1000);
  return 42;
}

function* viaObservable(): Coro<number> {
  const task = createTask(answer());
  return yield* wrapPromise(firstValueFrom(toObservable(task)));
}

function* viaPromise(): Coro<number> {
  const task = createTask(answer());
  return yield* wrapPromise(toPromise(task));
}

function* viaColdObservable(): Coro<number> {
  return yield* wrapPromise(lastValueFrom(toObservable(() => answer())));
}

const started = performance.now();
const clock = new VirtualClock();
console.log('observable', await run(viaObservable(), { clock }), clock.now());
console.log('promise', (await runVirtual(viaPromise())).result);
console.log('cold', (await runVirtual(viaColdObservable())).elapsed);
for (const [name, sync] of [
  ['runVirtualSync', () => runVirtualSync(viaPromise())],
  ['runSync', () => runSync(viaObservable(), { clock: new VirtualClock() })],
] as const) {
  try {
    sync();
  } catch (e) {
    console.log(name, (e as Error).message.split('\n')[0]);
  }
}
console.log(Math.round(performance.now() - started) < 2000 ? 'in real time: quick' : 'slow');
