/**
 * The README's generated blocks: after `<!-- code:NAME -->` a fenced block with the
 * program docs/examples/NAME.ts, after `<!-- output:NAME -->` a fenced block with what
 * that program printed when run. `scripts/readme.ts` writes them (and the timeline
 * screenshot); `src/readme.test.ts` checks that they are still true.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PKG = fileURLToPath(new URL('..', import.meta.url));
export const README = join(PKG, 'README.md');
export const EXAMPLES = join(PKG, 'docs', 'examples');

/** One generated block: its marker and the text inside its fence. */
export interface Block {
  readonly kind: 'code' | 'output';
  readonly name: string;
  /** The fence's content, without the fence lines. */
  readonly content: string;
  /** Where the content starts and ends in the README's text. */
  readonly start: number;
  readonly end: number;
}

/** The generated blocks of `text`, in order. */
export function blocksOf(text: string): Block[] {
  const out: Block[] = [];
  const re = /<!-- (code|output):([\w-]+) -->\n```\w*\n/g;
  for (const m of text.matchAll(re)) {
    const start = (m.index as number) + m[0].length;
    const end = text.indexOf('```\n', start);
    if (end < 0) throw new Error(`README: the block after ${m[0].trim()} is not closed`);
    out.push({
      kind: m[1] as 'code' | 'output',
      name: m[2] as string,
      content: text.slice(start, end),
      start,
      end,
    });
  }
  return out;
}

/** The program `name`'s source. */
export function codeOf(name: string): string {
  return readFileSync(join(EXAMPLES, `${name}.ts`), 'utf8');
}

/** Extra arguments each program runs with (where it writes its files). */
export const ARGS: Record<string, string[]> = {
  timeline: [
    join(PKG, 'test-artifacts', 'timeline.json'),
    join(PKG, 'test-artifacts', 'timeline.html'),
  ],
};

/**
 * Runs the program `name` with Node (TypeScript through tsx, the package's sources
 * through the `@aio/source` condition) and returns what it printed. The `hang-signal`
 * program is sent SIGUSR2 once it says `ready`, and its stderr (the dump) is returned.
 */
export function outputOf(name: string): Promise<string> {
  const file = join(EXAMPLES, `${name}.ts`);
  const child = spawn(
    process.execPath,
    ['--conditions=@aio/source', '--import', 'tsx', file, ...(ARGS[name] ?? [])],
    { cwd: PKG, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  const signal = name === 'hang-signal';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name}: no result within 30 s; stdout ${stdout}; stderr ${stderr}`));
    }, 30_000);
    child.stdout.on('data', (d) => {
      stdout += String(d);
      if (signal && stdout.includes('ready')) child.kill('SIGUSR2');
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
      if (signal && stderr.includes('└──') && stderr.endsWith('\n')) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        setTimeout(() => resolve(stderr), 50);
      }
    });
    child.on('exit', (code) => {
      if (signal) return;
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${name} exited with ${code}: ${stderr}`));
    });
  });
}

/**
 * What may differ between two runs of a program: the process id and real-clock times
 * in a signal dump. Everything else must be the same.
 */
export function normalize(name: string, text: string): string {
  if (name !== 'hang-signal') return text;
  return text
    .replace(/process \d+/g, 'process <pid>')
    .replace(/loop time \d+ ms/g, 'loop time <t> ms');
}
