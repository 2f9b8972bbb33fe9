// Checks that @aio/core runs outside Node: in browsers, Deno and Bun.
//
// 1. Bundles the built ESM (packages/core/dist/index.js) with esbuild for the browser
//    platform: any import of a Node builtin (`node:*`, `fs`, `events`, ...) fails to resolve.
// 2. Node-only globals (`process`, `Buffer`, `global`, `require`, `__dirname`, `__filename`)
//    are replaced by esbuild's `define`, which touches only free references (never a local
//    variable of that name, never a string): any that survive fail the check.
// 3. Runs the bundle in a fresh V8 context that has only web-platform globals (no
//    `process`, no `setImmediate`) and, once core exports `run` and `sleep`, runs a small
//    program on the real clock there: the fallbacks must work.
// Needs the packages built (`pnpm build`).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const entry = join(root, 'packages/core/dist/index.js');
const forbidden = ['process', 'Buffer', 'global', 'require', '__dirname', '__filename'];
const marker = (name) => `__aio_node_only_${name}__`;

let result;
try {
  result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    globalName: 'aio',
    target: 'es2022',
    logLevel: 'silent',
    define: Object.fromEntries(forbidden.map((name) => [name, marker(name)])),
  });
} catch (error) {
  console.error('check-browser: @aio/core does not bundle for the browser platform:');
  for (const e of error.errors ?? [error]) {
    console.error(
      `  ${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text ?? e.message}`,
    );
  }
  process.exit(1);
}

const code = result.outputFiles[0].text;
const used = forbidden.filter((name) => code.includes(marker(name)));
if (used.length > 0) {
  console.error(`check-browser: @aio/core uses Node-only globals: ${used.join(', ')}`);
  process.exit(1);
}

// Only web-platform globals: what a browser, Deno and Bun all have.
const context = vm.createContext({
  console,
  setTimeout,
  clearTimeout,
  queueMicrotask,
  performance,
  MessageChannel,
  AbortController,
  AbortSignal,
  EventTarget,
  Event,
  DOMException,
});
vm.runInContext(`${code}\nglobalThis.aio = aio;`, context, { filename: 'aio-core.browser.js' });
const names = vm.runInContext('Object.keys(globalThis.aio)', context);
if (names.length === 0) {
  console.error('check-browser: @aio/core loaded in a browser-like context but exports nothing');
  process.exit(1);
}

const program = `
  (() => {
    const { run, sleep } = globalThis.aio;
    if (typeof run !== 'function' || typeof sleep !== 'function') return undefined;
    const seen = [];
    function* main() {
      seen.push('start');
      yield* sleep(5);
      seen.push('after sleep');
      return seen.join(', ');
    }
    return run(main());
  })()
`;
const outcome = vm.runInContext(program, context);
if (outcome === undefined) {
  console.log(
    `check-browser: @aio/core bundles and loads for the browser (${names.length} exports)`,
  );
  process.exit(0);
}
const timeout = new Promise((_, reject) =>
  setTimeout(() => reject(new Error('the program did not finish within 10 s')), 10_000),
);
try {
  const text = await Promise.race([outcome, timeout]);
  if (text !== 'start, after sleep') throw new Error(`unexpected result ${JSON.stringify(text)}`);
} catch (error) {
  console.error(`check-browser: run() failed in a browser-like context: ${error?.stack ?? error}`);
  process.exit(1);
}
console.log(
  `check-browser: @aio/core bundles for the browser (${names.length} exports, ${code.length} bytes unminified) and runs run()+sleep() without Node globals`,
);
// A MessageChannel port may still hold the event loop open.
process.exit(0);
