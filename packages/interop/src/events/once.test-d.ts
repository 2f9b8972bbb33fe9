import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { Coro, Future } from '@aio/core';
import { describe, expectTypeOf, it } from 'vitest';
import { type EventEmitterLike, once } from './once';

declare const readable: Readable;
declare const socket: Socket;
declare const button: HTMLButtonElement;
declare const ws: WebSocket;
declare const signal: AbortSignal;

describe('once on an EventEmitter: the listener arguments its type declares', () => {
  it("reads a Node stream's per-event overloads", () => {
    expectTypeOf(once(readable, 'data')).toEqualTypeOf<Future<[chunk: any]>>();
    expectTypeOf(once(readable, 'end')).toEqualTypeOf<Future<[]>>();
    expectTypeOf(once(readable, 'error')).toEqualTypeOf<Future<[err: Error]>>();
    expectTypeOf(once(socket, 'data')).toEqualTypeOf<Future<[data: NonSharedBuffer]>>();
    expectTypeOf(once(socket, 'close')).toEqualTypeOf<Future<[hadError: boolean]>>();
  });

  it('reads the many overloads of process.on', () => {
    expectTypeOf(once(process, 'exit')).toEqualTypeOf<Future<[code: number]>>();
  });

  it("falls back to the catch-all overload's arguments, any[] read as unknown[]", () => {
    expectTypeOf(once(readable, 'custom')).toEqualTypeOf<Future<unknown[]>>();
    expectTypeOf(once(readable, Symbol('s'))).toEqualTypeOf<Future<unknown[]>>();
  });

  it('gives unknown[] for a plain EventEmitter', () => {
    expectTypeOf(once(new EventEmitter(), 'data')).toEqualTypeOf<Future<unknown[]>>();
  });

  it('gives unknown[] for a generic typed EventEmitter<Events> (its on<K> cannot be read)', () => {
    const typed = new EventEmitter<{ data: [chunk: string] }>();
    expectTypeOf(once(typed, 'data')).toEqualTypeOf<Future<unknown[]>>();
  });

  it('reads a hand-written emitter type, with on/off or addListener/removeListener', () => {
    interface Feed {
      on(eventName: 'tick', listener: (n: number, at: Date) => void): this;
      on(eventName: 'stop', listener: () => void): this;
      off(eventName: string, listener: (...args: any[]) => void): this;
    }
    interface OldFeed {
      addListener(eventName: 'line', listener: (text: string) => void): void;
      removeListener(eventName: 'line', listener: (text: string) => void): void;
    }
    expectTypeOf(once({} as Feed, 'tick')).toEqualTypeOf<Future<[n: number, at: Date]>>();
    expectTypeOf(once({} as Feed, 'stop')).toEqualTypeOf<Future<[]>>();
    expectTypeOf(once({} as OldFeed, 'line')).toEqualTypeOf<Future<[text: string]>>();
    expectTypeOf(once({} as EventEmitterLike, 'x')).toEqualTypeOf<Future<unknown[]>>();
  });

  it('destructures in a coroutine', () => {
    function* read(): Coro<number> {
      const [data] = yield* once(socket, 'data');
      expectTypeOf(data).toEqualTypeOf<NonSharedBuffer>();
      return data.length;
    }
    expectTypeOf(read).returns.toEqualTypeOf<Coro<number>>();
  });
});

describe('once on an EventTarget: the event type', () => {
  it('reads the on<name> handler of DOM objects', () => {
    expectTypeOf(once(button, 'click')).toEqualTypeOf<Future<PointerEvent>>();
    expectTypeOf(once(button, 'keydown')).toEqualTypeOf<Future<KeyboardEvent>>();
    expectTypeOf(once(ws, 'message')).toEqualTypeOf<Future<MessageEvent>>();
    expectTypeOf(once(signal, 'abort')).toEqualTypeOf<Future<Event>>();
  });

  it('gives Event for names without a handler, plain EventTargets and non-literal names', () => {
    expectTypeOf(once(button, 'my-custom-event')).toEqualTypeOf<Future<Event>>();
    expectTypeOf(once(new EventTarget(), 'ready')).toEqualTypeOf<Future<Event>>();
    expectTypeOf(once(button, 'click' as string)).toEqualTypeOf<Future<Event>>();
  });

  it('refuses a symbol event name, and a target of neither kind', () => {
    // @ts-expect-error: an EventTarget's event names are strings
    once(new EventTarget(), Symbol('x'));
    // @ts-expect-error: neither an EventTarget nor an EventEmitter
    once({ dispatch() {} }, 'x');
  });
});
