import { once as onceNode } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CancelledError,
  type Coro,
  createTask,
  currentTask,
  isCancelledError,
  run,
  sleep,
  wrapPromise,
} from '@aio/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signalOf } from './signalOf';

// A server on 127.0.0.1 that accepts requests and never answers. It reports each
// request, and the moment the client side closes it.
let server: Server;
let url: string;
let requests: IncomingMessage[];

beforeEach(async () => {
  requests = [];
  server = createServer((req) => {
    requests.push(req);
  });
  server.listen(0, '127.0.0.1');
  await onceNode(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
});

afterEach(async () => {
  server.closeAllConnections();
  server.close();
  await onceNode(server, 'close');
});

/**
 * Resolves when the server side of a request closes. (An aborted request also
 * emits 'error' — "aborted" — which Node's events.once would reject on.)
 */
function closedOnServer(req: IncomingMessage): Promise<void> {
  req.on('error', () => {});
  return new Promise((resolve) => req.on('close', () => resolve()));
}

/** Resolves when the server has received `n` requests (bounded by the test timeout). */
async function requestsReceived(n: number): Promise<void> {
  while (requests.length < n) await new Promise((r) => setTimeout(r, 2));
}

describe('cancelling a task aborts the fetch it started', () => {
  it('with signalOf(currentTask()): the server sees the request closed', async () => {
    let fetchPromise: Promise<Response> | undefined;
    function* fetcher(): Coro<string> {
      const signal = signalOf(currentTask() as NonNullable<ReturnType<typeof currentTask>>);
      fetchPromise = fetch(url, { signal });
      const res = yield* wrapPromise(fetchPromise);
      return res.statusText;
    }
    function* main(): Coro<string> {
      const task = createTask(fetcher());
      yield* wrapPromise(requestsReceived(1));
      const closed = closedOnServer(requests[0] as IncomingMessage);
      task.cancel('user left');
      try {
        yield* task;
      } catch (e) {
        if (!isCancelledError(e)) throw e;
      }
      yield* wrapPromise(closed); // the server saw the connection go
      return 'cancelled';
    }
    expect(await run(main())).toBe('cancelled');
    const err = await (fetchPromise as Promise<Response>).catch((e: unknown) => e);
    // fetch rejects with the signal's reason: the task's CancelledError.
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as Error).message).toBe('user left');
    expect((requests[0] as IncomingMessage).destroyed).toBe(true);
  }, 10_000);

  it("with wrapPromise's factory form: cancelling the awaiting task aborts the fetch", async () => {
    let fetchPromise: Promise<Response> | undefined;
    function* fetcher(): Coro<number> {
      const res = yield* wrapPromise((signal) => {
        fetchPromise = fetch(url, { signal });
        return fetchPromise;
      });
      return res.status;
    }
    function* main(): Coro<boolean> {
      const task = createTask(fetcher());
      yield* wrapPromise(requestsReceived(1));
      const closed = closedOnServer(requests[0] as IncomingMessage);
      yield* sleep(1);
      task.cancel();
      const outcome = yield* wrapPromise(Promise.allSettled([task.then(), closed]));
      return outcome[0].status === 'rejected' && outcome[1].status === 'fulfilled';
    }
    expect(await run(main())).toBe(true);
    const err = await (fetchPromise as Promise<Response>).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
  }, 10_000);

  it('a plain AbortController abort makes fetch reject with an AbortError (for comparison)', async () => {
    const controller = new AbortController();
    const p = fetch(url, { signal: controller.signal });
    await requestsReceived(1);
    const closed = closedOnServer(requests[0] as IncomingMessage);
    controller.abort();
    const err = await p.catch((e: unknown) => e);
    await closed;
    expect((err as Error).name).toBe('AbortError');
  }, 10_000);
});
