/**
 * Garbage-collection helpers: collect, and prove that an object was collected.
 * They need node's `--expose-gc` (the core and test-utils projects run with it).
 *
 * @module
 */

/**
 * Collects garbage until `FinalizationRegistry` callbacks have had their chance to run.
 *
 * @throws {Error} when `globalThis.gc` is missing, naming the flag that provides it.
 * @example
 * ```ts
 * let obj: object | undefined = {};
 * const ref = new WeakRef(obj);
 * obj = undefined;
 * await collectGarbage();
 * expect(ref.deref()).toBeUndefined();
 * ```
 */
export async function collectGarbage(rounds = 3): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') {
    throw new Error('collectGarbage: globalThis.gc is missing; run node with --expose-gc');
  }
  for (let i = 0; i < rounds; i++) {
    gc();
    // Finalizers run in later macrotasks, not synchronously inside gc().
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * Collects garbage and tells whether the object behind `ref` is gone. A test that
 * claims "X is not reported when collected" must first prove X was collected: a
 * report that never comes proves nothing if the object is still alive.
 *
 * @example
 * ```ts
 * const ref = new WeakRef(makeFailedFuture());
 * expect(await wasCollected(ref)).toBe(true);
 * expect(reports).toEqual([]);
 * ```
 */
export async function wasCollected(ref: WeakRef<object>, rounds = 5): Promise<boolean> {
  for (let i = 0; i < rounds; i++) {
    // A successful `deref()` keeps its target alive until the end of the current job
    // (the WeakRef spec's KeepDuringJob): collect in a later job, never in the one that
    // looked.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    await collectGarbage(1);
    if (ref.deref() === undefined) {
      await collectGarbage(2); // let the finalizers of what went with it run too
      return true;
    }
  }
  return false;
}
