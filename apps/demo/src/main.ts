/**
 * The aio demo: what `pnpm demo` runs (`pnpm demo --help` lists the commands).
 *
 * - the showcase (`pnpm demo`, `pnpm demo --virtual`): a crawler written with aio
 *   against a real local HTTP server (or a simulated network on a `VirtualClock`),
 *   its progress through RxJS, the run traced (`src/showcase/`);
 * - the tour (`pnpm demo tour [--real] [--no-notes]`): the seed's 19 asyncio
 *   examples ported to aio, printing what CPython prints (`src/tour/`).
 */
import { parseArgs, USAGE, UsageError } from './cli';
import { runShowcase } from './showcase/runShowcase';
import { runTour } from './tour/runTour';

let command: ReturnType<typeof parseArgs>;
try {
  command = parseArgs(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`pnpm demo: ${e.message}\n\n${USAGE}`);
  process.exit(2);
}

const t0 = performance.now();
const took = (): string => `${((performance.now() - t0) / 1000).toFixed(2)} s of real time`;

if (command.kind === 'help') {
  process.stdout.write(USAGE);
} else if (command.kind === 'tour') {
  console.error(
    command.clock === 'real'
      ? '[the seed tour on the real clock: about 19 seconds]'
      : '[the seed tour on a VirtualClock: timestamps are virtual; --real for the real clock]',
  );
  await runTour({ clock: command.clock, notes: command.notes });
  console.error(`[done in ${took()}]`);
} else {
  const result = await runShowcase({
    clock: command.clock,
    write: (s) => process.stdout.write(s),
    tty: process.stdout.isTTY === true,
    outDir: command.outDir,
  });
  console.error(`[done in ${took()}; pnpm demo --help for the other commands]`);
  // 130: the shell's code for "ended by SIGINT", as Python exits after KeyboardInterrupt.
  if (result.interrupted) process.exitCode = 130;
}
