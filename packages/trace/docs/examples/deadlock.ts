// Two transfers take the same two locks in opposite orders: a deadlock. The tree shows
// the wait cycle first, then who waits on what.
import { type Coro, createTask, currentTask, gather, Lock, run, sleep } from '@aio/core';
import { formatTaskTree } from '@aio/trace';
import { VirtualClock } from '@aio/timers';

const accounts = { alice: new Lock(), bob: new Lock() };

function* transfer(from: Lock, to: Lock): Coro<void> {
  yield* from.acquire();
  yield* sleep(1); // the other transfer takes its first lock meanwhile
  yield* to.acquire();
  to.release();
  from.release();
}

function* main(): Coro<void> {
  currentTask()?.setName('main');
  const a = createTask(transfer(accounts.alice, accounts.bob), { name: 'alice→bob' });
  const b = createTask(transfer(accounts.bob, accounts.alice), { name: 'bob→alice' });
  const both = gather(a, b);
  const monitor = createTask(
    (function* (): Coro<void> {
      yield* sleep(1000);
      console.log(formatTaskTree());
      a.cancel('deadlock'); // let the program end
    })(),
    { name: 'monitor' },
  );
  yield* gather(both, monitor, { returnExceptions: true });
}

await run(main(), { clock: new VirtualClock() });
