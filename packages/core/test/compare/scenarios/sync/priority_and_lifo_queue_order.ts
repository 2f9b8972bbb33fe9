// PriorityQueue hands out the smallest entry first ([priority, data] arrays,
// ties broken by data, heap order as heapq's); LifoQueue the newest first.
import { LifoQueue, PriorityQueue, createTask, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const pq = new PriorityQueue<[number, string]>();
  const entries: [number, string][] = [
    [3, 'c'],
    [1, 'b'],
    [2, 'x'],
    [1, 'a'],
    [5, 'e'],
    [2, 'y'],
    [0, 'z'],
  ];
  for (const entry of entries) yield* pq.put(entry);
  const out: [number, string][] = [];
  while (!pq.empty()) out.push(yield* pq.get());
  log('priority', out);
  const nums = new PriorityQueue<number>(3);
  const consumer = createTask(nums.get());
  yield* sleep(0);
  for (const n of [7, 3, 5]) nums.putNowait(n);
  log('blocked getter got', yield* consumer);
  log('then', nums.getNowait(), nums.getNowait());
  const lq = new LifoQueue<number>();
  for (let i = 0; i < 5; i++) lq.putNowait(i);
  log(
    'lifo',
    [0, 1, 2, 3, 4].map(() => lq.getNowait()),
  );
  return undefined;
}
