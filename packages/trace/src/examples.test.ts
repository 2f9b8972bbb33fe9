/**
 * Every `@example` in this package's TSDoc runs here, as written: its imports are bound
 * to the real modules, and what it prints must be the `// → text` lines of the example,
 * in order (a printed text of several lines is several `// →` lines).
 */
import { fileURLToPath } from 'node:url';
import * as core from '@aio/core';
import { bindImports, examplesOf, exportsWithoutExamples, sourceFiles } from '@aio/test-utils';
import * as timers from '@aio/timers';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as trace from './index';

const SRC = fileURLToPath(new URL('.', import.meta.url));

const MODULES: Record<string, unknown> = {
  '@aio/core': core,
  '@aio/timers': timers,
  '@aio/trace': trace,
};

/** Entry points whose examples need more than the browser-safe modules. */
export const EXTRA_MODULES: Record<string, () => Promise<unknown>> = {
  '@aio/trace/otel': () => import('./otel/index'),
  '@aio/trace/node': () => import('./node/index'),
  '@opentelemetry/api': () => import('@opentelemetry/api'),
  '@opentelemetry/sdk-trace-base': () => import('@opentelemetry/sdk-trace-base'),
  'node:diagnostics_channel': () => import('node:diagnostics_channel'),
};

/** The `// → text` lines: everything after the arrow, trailing spaces dropped. */
export function expectedOutput(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\/\/ → ?(.*)$/gm)) out.push((m[1] as string).trimEnd());
  return out;
}

function show(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x === undefined) return 'undefined';
  return JSON.stringify(x);
}

export async function runExample(code0: string): Promise<string[]> {
  const source = `async function __example(__load, console) {\n${bindImports(code0, (m) => m in MODULES || m in EXTRA_MODULES)}\n}`;
  const { code } = await transform(source, { loader: 'ts', target: 'es2022' });
  const fn = new Function(`${code}\nreturn __example;`)() as (
    load: (name: string) => Promise<unknown>,
    console: { log: (...args: unknown[]) => void },
  ) => Promise<void>;
  const printed: string[] = [];
  const load = async (name: string): Promise<unknown> =>
    name in MODULES ? MODULES[name] : await (EXTRA_MODULES[name] as () => Promise<unknown>)();
  const log = (...args: unknown[]): void => {
    for (const l of args.map(show).join(' ').split('\n')) printed.push(l.trimEnd());
  };
  // The package's own default output (printCallGraph) goes to the global console.log.
  const original = console.log;
  console.log = log;
  try {
    await fn(load, { log });
  } finally {
    console.log = original;
  }
  return printed;
}

const files = sourceFiles(SRC);
const examples = files.flatMap((f) => examplesOf(f, SRC));

describe('TSDoc examples', () => {
  it('exist for every exported symbol of every module', () => {
    expect(exportsWithoutExamples(files, SRC)).toEqual([]);
  });

  it('cover every export of every entry point', async () => {
    const otel = await import('./otel/index');
    const node = await import('./node/index');
    const names = [...Object.keys(trace), ...Object.keys(otel), ...Object.keys(node)];
    const all = examples.map((e) => e.code).join('\n');
    for (const name of names) expect(all, name).toContain(name);
  });

  for (const example of examples) {
    it(`runs ${example.file}:${example.line}`, async () => {
      const expected = expectedOutput(example.code);
      expect(expected.length, 'an example shows its output with // →').toBeGreaterThan(0);
      expect(await runExample(example.code)).toEqual(expected);
    }, 15_000);
  }
});
