import { describe, expect, it } from 'vitest';
import { collectGarbage, wasCollected } from './gc';

describe('collectGarbage', () => {
  it('collects an object that nothing references any more', async () => {
    let obj: object | undefined = { big: new Array(1000).fill(0) };
    const ref = new WeakRef(obj);
    obj = undefined;
    await collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });

  it('keeps an object that is still referenced', async () => {
    const obj = { alive: true };
    const ref = new WeakRef(obj);
    await collectGarbage();
    expect(ref.deref()).toBe(obj);
  });

  it('explains which node flag is missing when gc is not exposed', async () => {
    const g = globalThis as { gc?: unknown };
    const saved = g.gc;
    g.gc = undefined;
    try {
      await expect(collectGarbage()).rejects.toThrow(
        'collectGarbage: globalThis.gc is missing; run node with --expose-gc',
      );
    } finally {
      g.gc = saved;
    }
  });
});

describe('wasCollected', () => {
  it('is true once the object is unreachable', async () => {
    let obj: object | undefined = { payload: new Array(100).fill(1) };
    const ref = new WeakRef(obj);
    obj = undefined;
    expect(await wasCollected(ref)).toBe(true);
  });

  it('is false while the object is still referenced', async () => {
    const obj = { alive: true };
    expect(await wasCollected(new WeakRef(obj), 2)).toBe(false);
    expect(obj.alive).toBe(true);
  });
});
