/**
 * Every `@example` in this package's TSDoc runs here, as written: its imports are
 * bound to the real modules, and each `console.log(...); // → text` line must print
 * `text` (strings as they are, other values as JSON), in order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@aio/core';
import {
  bindImports,
  type Example,
  examplesOf,
  exportsWithoutExamples,
  sourceFiles,
} from '@aio/test-utils';
import * as rxjs from 'rxjs';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as interop from './index';
import * as interopRxjs from './rxjs/index';

const SRC = fileURLToPath(new URL('.', import.meta.url));

const MODULES: Record<string, unknown> = {
  '@aio/core': core,
  '@aio/interop': interop,
  '@aio/interop/rxjs': interopRxjs,
  rxjs,
};

function expectedOutput(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\/\/ → (.*)$/gm)) out.push((m[1] as string).trim());
  return out;
}

function show(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x === undefined) return 'undefined';
  return JSON.stringify(x);
}

async function runExample(example: Example): Promise<string[]> {
  const source = `async function __example(__load, console) {\n${bindImports(example.code, (m) => m in MODULES)}\n}`;
  const { code } = await transform(source, { loader: 'ts', target: 'es2022' });
  const fn = new Function(`${code}\nreturn __example;`)() as (
    load: (name: string) => Promise<unknown>,
    console: { log: (...args: unknown[]) => void },
  ) => Promise<void>;
  const printed: string[] = [];
  await fn(async (name) => MODULES[name], {
    log: (...args) => printed.push(args.map(show).join(' ')),
  });
  return printed;
}

const files = sourceFiles(SRC);
const examples = files.flatMap((f) => examplesOf(f, SRC));

/** The README's ```ts blocks that show their output with `// →`: its runnable recipes. */
function readmeExamples(): Example[] {
  const path = join(SRC, '..', 'README.md');
  const lines = readFileSync(path, 'utf8').split('\n');
  const found: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```ts') continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && lines[j] !== '```') j++;
    const code = lines.slice(start, j).join('\n');
    if (/\/\/ → /.test(code)) found.push({ file: 'README.md', line: start, code });
    i = j;
  }
  return found;
}

describe('TSDoc examples', () => {
  it('exist for every exported symbol of every module', () => {
    const missing = exportsWithoutExamples(files, SRC).filter((m) => !/: Example$/.test(m));
    // Overloaded functions: the first signature carries the TSDoc.
    expect([...new Set(missing)].filter((m) => !documentedOverload(m))).toEqual([]);
  });

  it('cover every export of both entry points', () => {
    const names = [...Object.keys(interop), ...Object.keys(interopRxjs)];
    const all = examples.map((e) => e.code).join('\n');
    for (const name of names) expect(all, name).toContain(name);
    expect(examples.length).toBeGreaterThanOrEqual(names.length);
  });

  for (const example of examples) {
    it(`runs ${example.file}:${example.line}`, async () => {
      const expected = expectedOutput(example.code);
      expect(expected.length, 'an example shows its output with // →').toBeGreaterThan(0);
      const printed = await runExample(example);
      expect(printed).toEqual(expected);
    }, 10_000);
  }
});

describe('README recipes', () => {
  const recipes = readmeExamples();

  it('include the recipe streaming a Queue to RxJS', () => {
    expect(recipes.map((r) => r.code).join('\n')).toContain('tg.createTask(produce(queue))');
  });

  for (const recipe of recipes) {
    it(`runs README.md:${recipe.line}`, async () => {
      const printed = await runExample(recipe);
      expect(printed).toEqual(expectedOutput(recipe.code));
    }, 10_000);
  }
});

/** An overload's later signatures repeat the name without a doc comment. */
function documentedOverload(entry: string): boolean {
  const [file, name] = entry.split(': ') as [string, string];
  const text = readFileSync(join(SRC, file), 'utf8');
  const first = text.search(new RegExp(`export function ${name}\\b`));
  const before = text.slice(Math.max(0, first - 8), first);
  return before.includes('*/') && /@example/.test(text.slice(0, first));
}
