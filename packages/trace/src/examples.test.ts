/**
 * Every `@example` in this package's TSDoc runs here, as written: its imports are bound
 * to the real modules, and what it prints must be the `// → text` lines of the example,
 * in order (a printed text of several lines is several `// →` lines).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@aio/core';
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

interface Example {
  file: string;
  line: number;
  code: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(name) && !/\.test(-d)?\.ts$|\.testutil\.ts$/.test(name)) out.push(path);
  }
  return out.sort();
}

function examplesOf(path: string): Example[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const found: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\s*$/.test(lines[i] as string)) continue;
    if (!/^\s*\*\s*```ts\s*$/.test(lines[i + 1] ?? '')) continue;
    const code: string[] = [];
    let j = i + 2;
    for (; j < lines.length && !/^\s*\*\s*```\s*$/.test(lines[j] as string); j++) {
      code.push((lines[j] as string).replace(/^\s*\* ?/, ''));
    }
    found.push({ file: relative(SRC, path), line: i + 1, code: code.join('\n') });
    i = j;
  }
  return found;
}

/** `import { a, type B, c as d } from 'x';` → `const { a, c: d } = __modules['x'];` */
function bindImports(code: string): string {
  return code.replace(
    /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';$/gm,
    (_all, typeOnly: string | undefined, names: string, from: string) => {
      if (!(from in MODULES) && !(from in EXTRA_MODULES)) {
        throw new Error(`example imports an unknown module: ${from}`);
      }
      if (typeOnly) return '';
      const bound = names
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '' && !n.startsWith('type '))
        .map((n) => n.replace(/\s+as\s+/, ': '));
      return `const { ${bound.join(', ')} } = await __load(${JSON.stringify(from)});`;
    },
  );
}

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
  const source = `async function __example(__load, console) {\n${bindImports(code0)}\n}`;
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
const examples = files.flatMap(examplesOf);

describe('TSDoc examples', () => {
  it('exist for every exported symbol of every module', () => {
    const missing: string[] = [];
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const re =
        /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*export\s+(?:function|interface|type|class|const)\s+(\w+)/g;
      const documented = new Set<string>();
      for (const m of text.matchAll(re)) {
        if ((m[1] as string).includes('@example') || (m[1] as string).includes('@internal')) {
          documented.add(m[2] as string);
        }
      }
      for (const m of text.matchAll(
        /^export\s+(?:function|interface|type|class|const)\s+(\w+)/gm,
      )) {
        if (!documented.has(m[1] as string)) missing.push(`${relative(SRC, path)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
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
