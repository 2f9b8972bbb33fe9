/**
 * The demo's command line: what `pnpm demo …` runs.
 *
 * @module
 */

import { tmpdir } from 'node:os';
import path from 'node:path';

/** A parsed command line. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'showcase'; readonly clock: 'real' | 'virtual'; readonly outDir: string }
  | { readonly kind: 'tour'; readonly clock: 'real' | 'virtual'; readonly notes: boolean };

/** The help text. */
export const USAGE = `Usage: pnpm demo [command] [options]

  pnpm demo                   the showcase: an aio crawler against a real local HTTP server
                              (task group, queue, semaphore, timeouts, retries, aborted fetches),
                              progress through RxJS, the run traced and watched; a few seconds
  pnpm demo --virtual         the same crawl on a simulated network and a VirtualClock: instant,
                              and the same output every run
  pnpm demo --out DIR         where the showcase writes its trace files (default: ${path.join(tmpdir(), 'aio-demo')})
  pnpm demo tour              the tour of the seed's 19 asyncio examples, on a VirtualClock
  pnpm demo tour --real       ... on the real clock (about 19 s)
  pnpm demo tour --no-notes   ... without the notes on the article's claims
  pnpm demo --help            this text
`;

/** A command line the demo does not understand. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Parses the demo's arguments (`process.argv.slice(2)`; a `--` is ignored).
 *
 * @throws UsageError naming the argument that is wrong.
 * @example
 * ```ts
 * parseArgs(['tour', '--real']); // { kind: 'tour', clock: 'real', notes: true }
 * ```
 */
export function parseArgs(argv: readonly string[]): Command {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) return { kind: 'help' };
  if (args[0] === 'tour') {
    let clock: 'real' | 'virtual' = 'virtual';
    let notes = true;
    for (const a of args.slice(1)) {
      if (a === '--real') clock = 'real';
      else if (a === '--no-notes') notes = false;
      else
        throw new UsageError(`unknown option for the tour: ${a} (it takes --real and --no-notes)`);
    }
    return { kind: 'tour', clock, notes };
  }
  let clock: 'real' | 'virtual' = 'real';
  let outDir = path.join(tmpdir(), 'aio-demo');
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--virtual') clock = 'virtual';
    else if (a === '--out') {
      const dir = args[++i];
      if (dir === undefined || dir.startsWith('-')) throw new UsageError('--out needs a directory');
      outDir = path.resolve(dir);
    } else if (a === '--real' || a === '--no-notes') {
      throw new UsageError(`${a} is an option of the tour: pnpm demo tour ${a}`);
    } else {
      throw new UsageError(`unknown ${a.startsWith('-') ? 'option' : 'command'}: ${a}`);
    }
  }
  return { kind: 'showcase', clock, outDir };
}
