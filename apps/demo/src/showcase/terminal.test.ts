import { describe, expect, it } from 'vitest';
import { createTerminal } from './terminal';

describe('the terminal', () => {
  it('redraws the status line in place on a tty, keeping it below log lines', () => {
    const out: string[] = [];
    const term = createTerminal((s) => out.push(s), true);
    term.status('1 page');
    term.status('2 pages');
    term.log('an event');
    term.endStatus();
    term.log('after');
    expect(out).toEqual([
      '\r\x1b[2K1 page',
      '\r\x1b[2K2 pages',
      '\r\x1b[2Kan event\n2 pages',
      '\r\x1b[2K',
      'after\n',
    ]);
  });

  it('writes every status as a plain line when the output is not a tty', () => {
    const out: string[] = [];
    const term = createTerminal((s) => out.push(s), false);
    term.status('1 page');
    term.log('an event');
    term.endStatus();
    expect(out.join('')).toBe('1 page\nan event\n');
  });
});
