/**
 * `dumpOnSignal`: `kill -USR2 <pid>` prints what every aio loop of the process is doing —
 * the task tree of each running loop (`python -m asyncio pstree <pid>` for aio), from
 * outside, without stopping the program.
 *
 * @module
 */

import { constants } from 'node:os';
import { allTasks, getRunningLoops } from '@aio/core';
import { formatTasks, formatTaskTree } from '../tasks';
import { show } from '../show';

/**
 * Options of {@link dumpOnSignal}.
 *
 * @example
 * ```ts
 * import type { DumpOptions } from '@aio/trace/node';
 *
 * const opts: DumpOptions = { table: true };
 * console.log(opts.table); // → true
 * ```
 */
export interface DumpOptions {
  /** Also print the `ps` table of each loop (`formatTasks`). */
  table?: boolean;
  /** Where the text goes (default: `process.stderr`). */
  write?: (text: string) => void;
}

/** Signals a handler cannot catch, or that Node keeps for itself. */
const RESERVED: Record<string, string> = {
  SIGKILL: 'it cannot be caught',
  SIGSTOP: 'it cannot be caught',
  SIGUSR1: 'Node uses it to start the inspector',
};

const installed = new Map<string, () => void>();

/** The dump: every running loop's tree (and table). */
function dump(signal: string, opts: DumpOptions | undefined): string {
  const loops = getRunningLoops();
  const head = `aio: ${signal} in process ${process.pid}: ${loops.length} running event loop${loops.length === 1 ? '' : 's'}`;
  const parts = [head];
  loops.forEach((loop, i) => {
    const n = allTasks(loop).size;
    parts.push(
      '',
      `loop ${i + 1} of ${loops.length}: loop time ${Math.round(loop.time())} ms, ${n} pending task${n === 1 ? '' : 's'}`,
      formatTaskTree(loop),
    );
    if (opts?.table === true) parts.push('', formatTasks(loop));
  });
  return `${parts.join('\n')}\n`;
}

/**
 * Prints the task tree of every running aio loop (see `formatTaskTree`) to stderr when
 * the process receives `signal` (default `SIGUSR2`): `kill -USR2 <pid>`. Returns a
 * function that removes the handler. Calling it again for the same signal changes
 * nothing. Node only; signals do not exist on Windows except a few.
 *
 * A loop busy in a step that never yields cannot be dumped: the handler runs between
 * host callbacks, as every signal handler in Node does.
 *
 * @throws TypeError if `signal` is not a signal name; Error for a signal that cannot be
 * caught or that Node keeps (SIGKILL, SIGSTOP, SIGUSR1).
 * @example
 * ```ts
 * import { dumpOnSignal } from '@aio/trace/node';
 *
 * const stop = dumpOnSignal('SIGUSR2'); // then: kill -USR2 <pid>
 * stop();
 * console.log(process.listenerCount('SIGUSR2')); // → 0
 * ```
 */
export function dumpOnSignal(signal = 'SIGUSR2', opts?: DumpOptions): () => void {
  if (typeof signal !== 'string' || !(signal in constants.signals)) {
    throw new TypeError(
      `dumpOnSignal(): a signal name like 'SIGUSR2' was expected, got ${show(signal)}`,
    );
  }
  const reserved = RESERVED[signal];
  if (reserved !== undefined) throw new Error(`dumpOnSignal(): cannot use ${signal}: ${reserved}`);
  const write = opts?.write;
  if (write !== undefined && typeof write !== 'function') {
    throw new TypeError(`dumpOnSignal(): write must be a function, got ${show(write)}`);
  }
  const existing = installed.get(signal);
  if (existing !== undefined) return existing;
  const handler = (): void => {
    const text = dump(signal, opts);
    if (write !== undefined) write(text);
    else process.stderr.write(text);
  };
  process.on(signal as NodeJS.Signals, handler);
  const detach = (): void => {
    if (installed.get(signal) !== detach) return;
    installed.delete(signal);
    process.off(signal as NodeJS.Signals, handler);
  };
  installed.set(signal, detach);
  return detach;
}
