// Checks that @aio/core and @aio/trace (its browser entries: `@aio/trace` and
// `@aio/trace/otel`) run outside Node: in browsers, Deno and Bun.
//
// 1. Bundles the built ESM (packages/*/dist) with esbuild for the browser platform: any
//    import of a Node builtin (`node:*`, `fs`, `events`, ...) fails to resolve.
// 2. Node-only globals (`process`, `Buffer`, `global`, `require`, `__dirname`, `__filename`)
//    are replaced by esbuild's `define`, which touches only free references (never a local
//    variable of that name, never a string): any that survive fail the check.
// 3. Runs each bundle in a fresh V8 context that has only web-platform globals (no
//    `process`, no `setImmediate`) and runs a small program there on the real clock: the
//    fallbacks must work. `@aio/trace/node` is Node-only and not checked here.
// Needs the packages built (`pnpm build`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const forbidden = ['process', 'Buffer', 'global', 'require', '__dirname', '__filename'];
const marker = (name) => `__aio_node_only_${name}__`;

/** Bundles `entry` for the browser (its imports resolved from `pkg`); exits on failure. */
async function bundle(name, entry, pkg = dirname(dirname(entry))) {
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
      // A package's peers (@aio/core, @opentelemetry/api) resolve from its own folder.
      nodePaths: [join(pkg, 'node_modules')],
      define: Object.fromEntries(forbidden.map((n) => [n, marker(n)])),
    });
  } catch (error) {
    console.error(`check-browser: ${name} does not bundle for the browser platform:`);
    for (const e of error.errors ?? [error]) {
      console.error(
        `  ${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text ?? e.message}`,
      );
    }
    process.exit(1);
  }
  const code = result.outputFiles[0].text;
  // Which module each use is in: esbuild heads every module with a `// path` comment.
  // aio's own code may not use them at all; a dependency may, behind a guard such as
  // OpenTelemetry's `typeof global === "object"` after `globalThis` (its use would throw
  // in the browser-like run below if it were reached).
  const ours = [];
  const theirs = new Set();
  let module = '';
  for (const line of code.split('\n')) {
    const head = /^\s*\/\/ (\S+\.[cm]?js)$/.exec(line);
    if (head !== null) module = head[1];
    for (const n of forbidden) {
      if (!line.includes(marker(n))) continue;
      if (module.includes('node_modules/') && !/node_modules\/@aio\//.test(module)) {
        theirs.add(`${n} in ${module.replace(/.*node_modules\//, '')}`);
      } else ours.push(`${n} in ${module}`);
    }
  }
  if (ours.length > 0) {
    console.error(
      `check-browser: ${name} uses Node-only globals: ${[...new Set(ours)].join(', ')}`,
    );
    process.exit(1);
  }
  for (const use of theirs) console.log(`check-browser: note: a dependency mentions ${use}`);
  return code;
}

/** A fresh context with only web-platform globals: what a browser, Deno and Bun all have. */
function browserLikeContext() {
  return vm.createContext({
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
}

/** Loads `code` in a fresh context, runs `program` there; its promise must give `expected`. */
async function check(name, code, program, expected) {
  const context = browserLikeContext();
  vm.runInContext(`${code}\nglobalThis.aio = aio;`, context, { filename: `${name}.browser.js` });
  const names = vm.runInContext('Object.keys(globalThis.aio)', context);
  if (names.length === 0) {
    console.error(`check-browser: ${name} loaded in a browser-like context but exports nothing`);
    process.exit(1);
  }
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('the program did not finish within 10 s')), 10_000),
  );
  try {
    const text = await Promise.race([vm.runInContext(program, context), timeout]);
    if (text !== expected) throw new Error(`unexpected result ${JSON.stringify(text)}`);
  } catch (error) {
    console.error(
      `check-browser: ${name} failed in a browser-like context: ${error?.stack ?? error}`,
    );
    process.exit(1);
  }
  console.log(
    `check-browser: ${name} bundles for the browser (${names.length} exports, ${code.length} bytes unminified) and runs without Node globals`,
  );
}

const core = await bundle('@aio/core', join(root, 'packages/core/dist/index.js'));
await check(
  '@aio/core',
  core,
  `(() => {
    const { run, sleep } = globalThis.aio;
    const seen = [];
    function* main() {
      seen.push('start');
      yield* sleep(5);
      seen.push('after sleep');
      return seen.join(', ');
    }
    return run(main());
  })()`,
  'start, after sleep',
);

// @aio/trace: the main entry with core bundled in (one copy), recording a real-clock run,
// drawing its tree, and making the HTML page; then the OpenTelemetry entry with the API
// alone (no SDK: no-op spans).
const work = mkdtempSync(join(tmpdir(), 'aio-check-browser-'));
const traceEntry = join(work, 'trace-entry.mjs');
const traceDist = join(root, 'packages/trace/dist');
writeFileSync(
  traceEntry,
  [
    "export * from '@aio/core';",
    `export { recordTrace, formatTaskTree, captureCallGraph, watchTasks } from ${JSON.stringify(join(traceDist, 'index.js'))};`,
    `export { otelInstrument } from ${JSON.stringify(join(traceDist, 'otel.js'))};`,
  ].join('\n'),
);
let trace;
try {
  trace = await bundle('@aio/trace, @aio/trace/otel', traceEntry, join(root, 'packages/trace'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
await check(
  '@aio/trace, @aio/trace/otel',
  trace,
  `(() => {
    const { run, sleep, createTask, currentTask, recordTrace, formatTaskTree, otelInstrument } = globalThis.aio;
    let tree = '';
    let html = '';
    function* main() {
      currentTask().setName('main');
      const rec = recordTrace();
      const child = createTask(sleep(5), { name: 'child' });
      yield* sleep(1);
      tree = formatTaskTree();
      yield* child;
      rec.stop();
      html = rec.toHtml();
    }
    return run(main(), { instruments: [otelInstrument()] }).then(
      () =>
        tree.replace(/until [0-9.]+/, 'until T') +
        (html.includes('<svg id="timeline"') ? ' + page' : ' (no page)'),
    );
  })()`,
  '└── (T) main #1 · running\n└── (T) child #2 · sleep until T + page',
);
// A MessageChannel port may still hold the event loop open.
process.exit(0);
