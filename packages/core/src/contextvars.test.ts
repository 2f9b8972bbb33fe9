import { describe, expect, test } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { Context, ContextVar, copyContext, Token } from './contextvars';
import { runSync } from './runner';
import { getRunningLoop } from './runningLoop';
import { createTask } from './taskFunctions';
import type { Coro } from './types';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('ContextVar', () => {
  test('rejects a non-string name', () => {
    const e = thrown(() => new ContextVar(42 as unknown as string));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe('ContextVar(): name must be a string, got number');
  });

  test('get() without a value: the argument, else the default, else an Error', () => {
    const withDefault = new ContextVar<number>('n', { default: 1 });
    expect(withDefault.get()).toBe(1);
    expect(withDefault.get(2)).toBe(2);
    const undefDefault = new ContextVar<number | undefined>('u', { default: undefined });
    expect(undefDefault.get()).toBeUndefined();
    const bare = new ContextVar<number>('bare');
    expect(bare.get('fallback')).toBe('fallback');
    const e = thrown(() => bare.get());
    expect(e.message).toBe("ContextVar 'bare' has no value in this context and no default");
  });

  test('set() changes the value in the current context and returns a token to undo it', () => {
    const v = new ContextVar<string>('v');
    copyContext().run(() => {
      const t1 = v.set('a');
      expect(t1).toBeInstanceOf(Token);
      expect(t1.variable).toBe(v);
      expect(t1.oldValue).toBe(Token.MISSING);
      const t2 = v.set('b');
      expect(t2.oldValue).toBe('a');
      expect(v.get()).toBe('b');
      v.reset(t2);
      expect(v.get()).toBe('a');
      v.reset(t1);
      expect(v.get('none')).toBe('none');
    });
  });

  test('reset() rejects a used token, a foreign token and a token of another context', () => {
    const a = new ContextVar<number>('a');
    const b = new ContextVar<number>('b');
    copyContext().run(() => {
      const ta = a.set(1);
      a.reset(ta);
      const used = thrown(() => a.reset(ta));
      expect(used).toBeInstanceOf(Error);
      expect(used.message).toBe('Token has already been used once');

      const tb = b.set(2);
      const foreign = thrown(() => a.reset(tb as unknown as Token<number>));
      expect(foreign).toBeInstanceOf(TypeError);
      expect(foreign.message).toBe("Token was created by a different ContextVar ('b')");

      const other = thrown(() => copyContext().run(() => b.reset(tb)));
      expect(other).toBeInstanceOf(TypeError);
      expect(other.message).toBe('Token was created in a different Context');

      const notToken = thrown(() => a.reset(42 as unknown as Token<number>));
      expect(notToken).toBeInstanceOf(TypeError);
      expect(notToken.message).toBe('ContextVar.reset(): token must be a Token, got 42');
      // The foreign/other-context attempts did not consume the token.
      b.reset(tb);
      expect(b.get(0)).toBe(0);
    });
  });

  test('toString names the variable', () => {
    expect(new ContextVar('requestId').toString()).toBe("<ContextVar name='requestId'>");
  });
});

describe('Context', () => {
  test('run() calls fn with its arguments in the context and returns its result', () => {
    const ctx = copyContext();
    expect(ctx.run((x: number, y: number) => x + y, 40, 2)).toBe(42);
  });

  test('variables set inside run() stay in that context; the outer one is unchanged', () => {
    const v = new ContextVar<string>('v', { default: 'outer' });
    const ctx = copyContext();
    ctx.run(() => v.set('inside'));
    expect(v.get()).toBe('outer');
    expect(ctx.get(v)).toBe('inside');
    expect(ctx.has(v)).toBe(true);
    expect(ctx.size).toBeGreaterThanOrEqual(1);
    expect(ctx.run(() => v.get())).toBe('inside');
    expect([...ctx].some(([k, val]) => k === v && val === 'inside')).toBe(true);
  });

  test('get() of a context falls back to the given default', () => {
    const v = new ContextVar<number>('absent');
    const ctx = copyContext();
    expect(ctx.has(v)).toBe(false);
    expect(ctx.get(v)).toBeUndefined();
    expect(ctx.get(v, 7)).toBe(7);
  });

  test('a copy is a snapshot: later changes on either side do not show on the other', () => {
    const v = new ContextVar<number>('n', { default: 0 });
    const ctx = copyContext();
    ctx.run(() => v.set(1));
    const copy = ctx.copy();
    ctx.run(() => v.set(2));
    expect(copy.get(v)).toBe(1);
    expect(ctx.get(v)).toBe(2);
    copy.run(() => v.set(3));
    expect(ctx.get(v)).toBe(2);
  });

  test('run() cannot be re-entered while the context is entered', () => {
    const ctx = copyContext();
    const e = ctx.run(() => thrown(() => ctx.run(() => 1)));
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('cannot enter context: <Context size=0> is already entered');
    // After leaving, it can be entered again.
    expect(ctx.run(() => 'again')).toBe('again');
  });

  test('run() restores the previous context when fn throws', () => {
    const v = new ContextVar<string>('v', { default: 'outer' });
    const ctx = copyContext();
    expect(() =>
      ctx.run(() => {
        v.set('inner');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(v.get()).toBe('outer');
    expect(ctx.get(v)).toBe('inner');
  });

  test('toString shows the size', () => {
    const v = new ContextVar<number>('x');
    const ctx = new Context();
    expect(ctx.toString()).toBe('<Context size=0>');
    ctx.run(() => v.set(1));
    expect(String(ctx)).toBe('<Context size=1>');
  });
});

describe('context variables in callbacks and tasks', () => {
  test('a callback can set and reset a variable without affecting the scheduler', () => {
    const v = new ContextVar<string>('v', { default: 'd' });
    const log = runSync(
      (function* () {
        const log: string[] = [];
        v.set('task');
        getRunningLoop().callSoon(() => {
          log.push(`cb sees ${v.get()}`);
          const t = v.set('cb');
          log.push(`cb set ${v.get()}`);
          copyContext().run(() => log.push(`nested sees ${v.get()}`));
          v.reset(t);
          log.push(`cb reset ${v.get()}`);
        });
        yield;
        log.push(`task keeps ${v.get()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'cb sees task',
      'cb set cb',
      'nested sees cb',
      'cb reset task',
      'task keeps task',
    ]);
  });

  test('a token made in a task cannot be reset from a callback', () => {
    const v = new ContextVar<number>('v');
    const e = runSync(
      (function* () {
        const token = v.set(1);
        let err: Error | undefined;
        getRunningLoop().callSoon(() => {
          err = thrown(() => v.reset(token));
        });
        yield;
        return err;
      })(),
    );
    expect(e?.message).toBe('Token was created in a different Context');
  });

  test('a task created with an explicit context runs in it and its changes stay there', () => {
    const v = new ContextVar<string>('v', { default: 'none' });
    const ctx = copyContext();
    const seen = runSync(
      (function* (): Coro<string[]> {
        const t = createTask(
          (function* () {
            const before = v.get();
            v.set('set by task');
            yield;
            return before;
          })(),
          { context: ctx },
        );
        const before = yield* t;
        return [before, v.get(), ctx.get(v, 'missing'), String(t.getContext() === ctx)];
      })(),
      { clock: new TestClock() },
    );
    expect(seen).toEqual(['none', 'none', 'set by task', 'true']);
  });
});
