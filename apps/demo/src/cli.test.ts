import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, USAGE, UsageError } from './cli';

describe('the demo command line', () => {
  it('runs the showcase on the real clock by default', () => {
    expect(parseArgs([])).toEqual({
      kind: 'showcase',
      clock: 'real',
      outDir: path.join(tmpdir(), 'aio-demo'),
    });
  });

  it('runs the showcase on virtual time with --virtual, writing where --out says', () => {
    expect(parseArgs(['--virtual', '--out', 'traces'])).toEqual({
      kind: 'showcase',
      clock: 'virtual',
      outDir: path.resolve('traces'),
    });
  });

  it('runs the tour, with --real and --no-notes as before', () => {
    expect(parseArgs(['tour'])).toEqual({ kind: 'tour', clock: 'virtual', notes: true });
    expect(parseArgs(['tour', '--real', '--no-notes'])).toEqual({
      kind: 'tour',
      clock: 'real',
      notes: false,
    });
  });

  it('ignores the -- that some runners pass through', () => {
    expect(parseArgs(['--', 'tour', '--real'])).toMatchObject({ kind: 'tour', clock: 'real' });
  });

  it('shows the help for --help anywhere, and the help lists every command', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['tour', '-h'])).toEqual({ kind: 'help' });
    for (const cmd of [
      'pnpm demo ',
      'pnpm demo --virtual',
      'pnpm demo tour',
      'tour --real',
      'tour --no-notes',
    ]) {
      expect(USAGE).toContain(cmd);
    }
  });

  it('says what is wrong with a command line it does not understand', () => {
    expect(() => parseArgs(['--fast'])).toThrow(new UsageError('unknown option: --fast'));
    expect(() => parseArgs(['crawl'])).toThrow(new UsageError('unknown command: crawl'));
    expect(() => parseArgs(['--real'])).toThrow(
      new UsageError('--real is an option of the tour: pnpm demo tour --real'),
    );
    expect(() => parseArgs(['tour', '--virtual'])).toThrow(
      new UsageError('unknown option for the tour: --virtual (it takes --real and --no-notes)'),
    );
    expect(() => parseArgs(['--out'])).toThrow(new UsageError('--out needs a directory'));
  });
});
