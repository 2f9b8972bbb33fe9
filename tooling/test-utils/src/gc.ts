/**
 * Collects garbage until `FinalizationRegistry` callbacks have had their chance to run.
 * Needs node's `--expose-gc` (the core project runs its tests with it).
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
