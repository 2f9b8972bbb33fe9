/**
 * What the server side of a crawl counts, on the real server and the simulated
 * network alike.
 *
 * @module
 */

/**
 * The server's counts.
 *
 * @example
 * ```ts
 * const s: ServerStats = { requests: 3, answered: 2, aborted: 1 };
 * ```
 */
export interface ServerStats {
  /** Requests received. */
  requests: number;
  /** Requests answered in full (status and body sent). */
  answered: number;
  /** Requests whose client closed the connection before the answer was complete. */
  aborted: number;
}

/**
 * Fresh counts, all zero.
 *
 * @example
 * ```ts
 * const stats = emptyStats();
 * stats.requests++;
 * ```
 */
export function emptyStats(): ServerStats {
  return { requests: 0, answered: 0, aborted: 0 };
}
