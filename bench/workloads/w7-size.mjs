// W7: bundle size, min+gz, of a minimal program and of a whole library.
// Each entry is bundled by esbuild (ESM, minified, tree-shaken, browser platform,
// the package's "import" export = its built dist; node:* built-ins left external),
// then gzipped at level 9. The
// sample is the gzipped size in bytes; the case checks that the bundle is not
// empty and still holds the code it must (a name that minification keeps).
//   aio-minimal        run + createTask + sleep       aio-core   every export of @aio/core
//   effection-minimal  run + spawn + sleep            effection  every export
//   effect-minimal     runPromise + forkChild + sleep + Fiber.join
//   rxjs-minimal       Observable + map (+ subscribe)
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { emit, main, options } from '../lib/harness.mjs';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/** impl → [entry source, a string the minified bundle must contain] */
const entries = {
  'aio-minimal': [
    `import { createTask, run, sleep } from '@aio/core';
     run((function* () {
       const t = createTask((function* () { yield* sleep(1); return 1; })());
       return yield* t;
     })()).then((x) => console.log(x));`,
    'Event loop is closed',
  ],
  'aio-core': [`export * from '@aio/core';`, 'QueueShutDown'],
  'effection-minimal': [
    `import { run, sleep, spawn } from 'effection';
     run(function* () {
       const t = yield* spawn(function* () { yield* sleep(1); return 1; });
       return yield* t;
     }).then((x) => console.log(x));`,
    'setTimeout',
  ],
  effection: [`export * from 'effection';`, 'setTimeout'],
  'effect-minimal': [
    `import { Effect, Fiber } from 'effect';
     Effect.runPromise(Effect.gen(function* () {
       const f = yield* Effect.forkChild(Effect.as(Effect.sleep(1), 1));
       return yield* Fiber.join(f);
     })).then((x) => console.log(x));`,
    'setTimeout',
  ],
  'rxjs-minimal': [
    `import { Observable, map } from 'rxjs';
     new Observable((s) => { s.next(1); s.complete(); })
       .pipe(map((x) => x + 1))
       .subscribe((x) => console.log(x));`,
    'unsubscribe',
  ],
};

main(async () => {
  const opts = options();
  const entry = entries[opts.impl];
  if (entry === undefined) throw new Error(`unknown impl ${opts.impl}`);
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    stdin: { contents: entry[0], resolveDir: benchDir, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Effection's main() imports node:process (a Node built-in, not bundled anywhere).
    external: ['node:*'],
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].contents;
  const text = Buffer.from(code).toString('utf8');
  if (!text.includes(entry[1])) {
    throw new Error(`check failed: the ${opts.impl} bundle lacks ${JSON.stringify(entry[1])}`);
  }
  const gz = gzipSync(code, { level: 9 }).length;
  emit({ impl: opts.impl, n: 1, unit: 'bytes', samples: [gz], raw: code.length });
});
