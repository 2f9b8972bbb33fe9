/**
 * The main entry never loads RxJS; the rxjs entry needs it. Both entries are
 * bundled (with @aio/core inlined, rxjs left external) into a temporary directory
 * that has no node_modules, and run there with Node, as an app without RxJS would.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SRC = fileURLToPath(new URL('.', import.meta.url));

let dir: string;
let mainInputs: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aio-interop-entries-'));
  const common = {
    bundle: true,
    format: 'esm' as const,
    platform: 'node' as const,
    conditions: ['@aio/source'],
    external: ['rxjs'],
    metafile: true,
    logLevel: 'silent' as const,
  };
  const main = await build({
    ...common,
    entryPoints: [join(SRC, 'index.ts')],
    outfile: join(dir, 'index.mjs'),
  });
  mainInputs = Object.keys(main.metafile?.inputs ?? {});
  await build({
    ...common,
    entryPoints: [join(SRC, 'rxjs/index.ts')],
    outfile: join(dir, 'rxjs.mjs'),
  });
}, 30_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('entry points', () => {
  it("the main entry's module graph never reaches rxjs or src/rxjs", () => {
    expect(mainInputs.some((p) => p.includes('src/index.ts'))).toBe(true);
    expect(mainInputs.filter((p) => /(^|\/)rxjs(\/|$)/.test(p))).toEqual([]);
  });

  it('the main entry loads and works where rxjs is not installed', async () => {
    // A small program using the main entry, bundled with it (one copy of core).
    await build({
      stdin: {
        contents: [
          "import { EventLoop } from '@aio/core';",
          "import { once, toPromise } from './index';",
          'const loop = new EventLoop();',
          'const fut = loop.createFuture();',
          "loop.callSoon(() => fut.setResult('ok'));",
          'const done = loop.runUntilComplete(fut);',
          'console.log(typeof once, await toPromise(fut));',
          'await done;',
        ].join('\n'),
        resolveDir: SRC,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      conditions: ['@aio/source'],
      external: ['rxjs'],
      outfile: join(dir, 'main-check.mjs'),
      logLevel: 'silent',
    });
    const { stdout } = await run(process.execPath, ['main-check.mjs'], { cwd: dir });
    expect(stdout.trim()).toBe('function ok');
  }, 30_000);

  it('the rxjs entry fails with the resolver error naming the missing rxjs package', async () => {
    const failure = await run(
      process.execPath,
      ['-e', "await import('./rxjs.mjs')", '--input-type=module'],
      {
        cwd: dir,
      },
    ).then(
      () => null,
      (e: { stderr: string }) => e.stderr,
    );
    expect(failure).toMatch(/ERR_MODULE_NOT_FOUND/);
    expect(failure).toMatch(/Cannot find package 'rxjs' imported from .*rxjs\.mjs/);
  }, 30_000);
});
