// W1: schedule N callbacks and run them. Each callback adds its argument to a
// counter; the case checks the sum.
//   aio-callsoon     loop.callSoon(cb, i) × N, then run the loop until a final stop()
//   floor-array      push N closures into an array and drain it (the floor)
//   queue-microtask  queueMicrotask(closure) × N, awaited through the last one
//   promise-then     resolved.then(closure) × N, awaited through the last one
import { EventLoop } from '@aio/core';
import { check, main, options, timeRuns, triangle } from '../lib/harness.mjs';

let sum = 0;
function add(i) {
  sum += i;
}

const impls = {
  async 'aio-callsoon'(n) {
    sum = 0;
    const loop = new EventLoop();
    for (let i = 0; i < n; i++) loop.callSoon(add, i);
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    loop.close();
    return sum;
  },
  async 'floor-array'(n) {
    sum = 0;
    const fns = [];
    for (let i = 0; i < n; i++) fns.push(() => add(i));
    for (let i = 0; i < fns.length; i++) fns[i]();
    return sum;
  },
  async 'queue-microtask'(n) {
    sum = 0;
    let done;
    const finished = new Promise((resolve) => {
      done = resolve;
    });
    for (let i = 0; i < n; i++) queueMicrotask(() => add(i));
    queueMicrotask(done);
    await finished;
    return sum;
  },
  async 'promise-then'(n) {
    sum = 0;
    const p = Promise.resolve();
    let last;
    for (let i = 0; i < n; i++) last = p.then(() => add(i));
    await last;
    return sum;
  },
};

main(async () => {
  const opts = options();
  const fn = impls[opts.impl];
  if (fn === undefined) throw new Error(`unknown impl ${opts.impl}`);
  await timeRuns(opts, fn, (r) => check('sum of callback arguments', r, triangle(opts.n)));
});
