// Test helper: a real garbage collection, without --expose-gc on the command line.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gcOnce = runInNewContext('gc') as () => void;

/** Collects garbage until `ref` is cleared (or gives up) and says whether it was. */
export async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 10 && ref.deref() !== undefined; i++) {
    await new Promise((r) => setTimeout(r, 0));
    gcOnce();
  }
  return ref.deref() === undefined;
}
