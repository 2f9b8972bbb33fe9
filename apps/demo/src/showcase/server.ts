/**
 * The real HTTP server the showcase crawls: `node:http` on 127.0.0.1, a random
 * port, serving the generated site with its delays and failures, and counting
 * what clients do — in particular the requests they abandon (closed sockets).
 *
 * @module
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Site } from './site';
import { emptyStats, type ServerStats } from './stats';

/** A running site server. */
export interface SiteServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The counts so far (a live object). */
  readonly stats: ServerStats;
  /**
   * Stops accepting connections, closes each connection once no request is in
   * flight on it (at once for idle keep-alive ones; after a grace period of 1 s for
   * the rest), and resolves once every connection and response is closed (so the
   * counts are final). Idempotent.
   */
  stop(): Promise<void>;
}

/** How long `stop()` lets open requests finish before it closes their sockets. */
const STOP_GRACE_MS = 1000;

/**
 * Starts serving `site` on 127.0.0.1 (loopback only) on a random free port.
 *
 * The server bounds itself: it stops after `maxLifetimeMs` (default 60 s) even if
 * nobody calls `stop()`, and its handles never keep the process alive.
 *
 * @throws (rejects) the listen error.
 * @example
 * ```ts
 * const server = await startSiteServer(buildSite(13));
 * await fetch(`${server.origin}/`);
 * await server.stop();
 * console.log(server.stats); // { requests: 1, answered: 1, aborted: 0 }
 * ```
 */
export async function startSiteServer(
  site: Site,
  opts: { maxLifetimeMs?: number } = {},
): Promise<SiteServer> {
  const stats = emptyStats();
  const attempts = new Map<string, number>();
  const pendingTimers = new Set<NodeJS.Timeout>();
  let open = 0; // requests whose response has not emitted 'close' yet
  let onAllClosed: (() => void) | undefined;
  // Requests in flight per connection: a stopping server closes a connection once it
  // has none (a keep-alive connection between requests, or one opened and never used).
  const inFlight = new Map<Socket, number>();
  let stopping = false;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    stats.requests++;
    open++;
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    const attempt = (attempts.get(path) ?? 0) + 1;
    attempts.set(path, attempt);
    let timer: NodeJS.Timeout | undefined;
    res.on('close', () => {
      // 'close' comes after 'finish' for an answered request; before it for one the
      // client gave up on (the socket closed under it).
      if (timer !== undefined) {
        clearTimeout(timer);
        pendingTimers.delete(timer);
      }
      if (res.writableFinished) stats.answered++;
      else stats.aborted++;
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      if (stopping && left === 0) socket.destroy();
      if (--open === 0) onAllClosed?.();
    });
    const answer = site.answer(path, attempt);
    if (answer.kind === 'never') return; // holds the request open until the client leaves
    timer = setTimeout(() => {
      pendingTimers.delete(timer!);
      timer = undefined;
      res.writeHead(answer.status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(answer.body);
    }, answer.delayMs);
    pendingTimers.add(timer);
  };

  const server = createServer(handle);
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.on('close', () => inFlight.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.unref();
  const { port } = server.address() as AddressInfo;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping = true;
    stopped ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
      server.close(() => {
        clearTimeout(force);
        clearTimeout(lifetime);
        for (const t of pendingTimers) clearTimeout(t);
        // The sockets are closed; their responses' 'close' events (which count) may
        // come a tick later.
        if (open === 0) resolve();
        else onAllClosed = resolve;
      });
      for (const [socket, n] of inFlight) if (n === 0) socket.destroy();
    });
    return stopped;
  };
  const lifetime = setTimeout(() => void stop(), opts.maxLifetimeMs ?? 60_000);
  lifetime.unref();

  return { origin: `http://127.0.0.1:${port}`, stats, stop };
}
