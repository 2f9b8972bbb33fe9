/**
 * A binary min-heap on a plain array, with the exact sift order of Python's `heapq`
 * (so a `PriorityQueue` hands out equal-priority items in the same order as asyncio's),
 * and the default ordering of `PriorityQueue` entries.
 *
 * @internal
 * @module
 */

/** `a` orders strictly before `b`. @internal */
export type Less<T> = (a: T, b: T) => boolean;

/** Appends `item` and restores the heap property. @internal */
export function heapPush<T>(heap: T[], item: T, less: Less<T>): void {
  heap.push(item);
  siftTowardRoot(heap, 0, heap.length - 1, less);
}

/** Removes and returns the smallest item; `heap` must not be empty. @internal */
export function heapPop<T>(heap: T[], less: Less<T>): T {
  const last = heap.pop() as T;
  if (heap.length === 0) return last;
  const top = heap[0] as T;
  heap[0] = last;
  siftTowardLeaves(heap, 0, less);
  return top;
}

/** Moves the item at `pos` up while it is smaller than its parent (heapq's `_siftdown`). */
function siftTowardRoot<T>(heap: T[], start: number, pos: number, less: Less<T>): void {
  const item = heap[pos] as T;
  while (pos > start) {
    const parentPos = (pos - 1) >> 1;
    const parent = heap[parentPos] as T;
    if (!less(item, parent)) break;
    heap[pos] = parent;
    pos = parentPos;
  }
  heap[pos] = item;
}

/**
 * Moves the item at `pos` down to a leaf along the path of smaller children, then
 * back up to its place (heapq's `_siftup`: fewer comparisons on average than stopping
 * early, and the order Python produces).
 */
function siftTowardLeaves<T>(heap: T[], pos: number, less: Less<T>): void {
  const end = heap.length;
  const start = pos;
  const item = heap[pos] as T;
  let child = 2 * pos + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !less(heap[child] as T, heap[right] as T)) child = right;
    heap[pos] = heap[child] as T;
    pos = child;
    child = 2 * pos + 1;
  }
  heap[pos] = item;
  siftTowardRoot(heap, start, pos, less);
}

function kindOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  return typeof x;
}

/**
 * Orders numbers (and bigints) numerically, strings by code unit, and arrays
 * lexicographically element by element (like Python tuples: `[priority, data]`
 * entries are compared by priority, and `data` only on a tie). Anything else cannot
 * be ordered and throws, as Python's `<` does.
 *
 * @throws TypeError for values of other kinds, or of kinds that cannot be compared.
 * @internal
 */
export function defaultCompare(a: unknown, b: unknown): number {
  const ka = typeof a;
  const kb = typeof b;
  const numA = ka === 'number' || ka === 'bigint';
  const numB = kb === 'number' || kb === 'bigint';
  if ((numA && numB) || (ka === 'string' && kb === 'string')) {
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = defaultCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  throw new TypeError(
    `PriorityQueue: cannot order ${kindOf(a)} and ${kindOf(b)} with the default comparison ` +
      '(numbers, strings, and arrays of them such as [priority, data]); ' +
      'pass { compare: (a, b) => number } to the constructor',
  );
}
