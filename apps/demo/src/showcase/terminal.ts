/**
 * Where the showcase writes: log lines, and one live status line that a terminal
 * redraws in place (a plain line when the output is not a terminal).
 *
 * @module
 */

/** The showcase's output. */
export interface Terminal {
  /** Lines of output (a multi-line string is fine); the status line stays below them. */
  log(text: string): void;
  /** The live status line: redrawn in place on a terminal, a plain line otherwise. */
  status(text: string): void;
  /** Removes the status line (on a terminal); later output starts on a clean line. */
  endStatus(): void;
}

// ANSI: carriage return, then erase the whole line.
const CLEAR_LINE = '\r\x1b[2K';

/**
 * A terminal over `write`. With `tty`, the status line is redrawn in place and log
 * lines are written above it; without, every status is a line of its own.
 *
 * @example
 * ```ts
 * const term = createTerminal((s) => process.stdout.write(s), process.stdout.isTTY === true);
 * term.status('3 pages');
 * term.log('watchdog: …');
 * ```
 */
export function createTerminal(write: (chunk: string) => void, tty: boolean): Terminal {
  let shown = ''; // the status line on screen (tty only)
  return {
    log(text) {
      if (!tty || shown === '') return write(`${text}\n`);
      write(`${CLEAR_LINE}${text}\n${shown}`);
    },
    status(text) {
      if (!tty) return write(`${text}\n`);
      shown = text;
      write(`${CLEAR_LINE}${text}`);
    },
    endStatus() {
      if (tty && shown !== '') write(CLEAR_LINE);
      shown = '';
    },
  };
}
