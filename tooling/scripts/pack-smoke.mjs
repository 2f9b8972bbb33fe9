// Packaging smoke test: what users get from the registry, checked outside the workspace.
//
// Packs every public package with `pnpm pack`, installs the tarballs with npm into a
// temporary folder, then checks for every entry point that
//   - `import` (ESM) and `require` (CJS) both load it, with the same export names;
//   - TypeScript resolves its types, under moduleResolution node16 (ESM and CJS files)
//     and bundler;
// that the ESLint plugin, run by ESLint, reports aio's mistakes against the installed
// @aio/core; and that @aio/trace and @aio/trace/node load without @opentelemetry/api (an
// optional peer), while @aio/trace/otel, which needs it, fails naming it.
// Needs the packages built (`pnpm build`).
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Public packages and their entry points (as users import them). */
const packages = [
  { dir: 'packages/core', entries: ['@aio/core'] },
  { dir: 'packages/timers', entries: ['@aio/timers', '@aio/timers/testing'] },
  { dir: 'packages/trace', entries: ['@aio/trace', '@aio/trace/otel', '@aio/trace/node'] },
  { dir: 'packages/interop', entries: ['@aio/interop', '@aio/interop/rxjs'] },
  {
    dir: 'packages/eslint-plugin',
    entries: ['@aio/eslint-plugin'],
    // Unpacked by hand, its dependency and peers linked from the workspace (see below).
    linked: ['@typescript-eslint/utils', 'eslint', 'typescript', 'typescript-eslint'],
  },
];
/** Entry points that must export something (the others may still be empty shells). */
const mustExport = new Set([
  '@aio/core',
  '@aio/trace',
  '@aio/trace/otel',
  '@aio/trace/node',
  '@aio/eslint-plugin',
]);

const work = mkdtempSync(join(tmpdir(), 'aio-pack-smoke-'));
const quiet = { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' };
let failures = 0;
const fail = (msg) => {
  failures++;
  console.error(`  FAIL ${msg}`);
};

try {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  for (const pkg of packages) {
    execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
      ...quiet,
      cwd: join(root, pkg.dir),
    });
  }
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  console.log(`pack-smoke: packed ${files.map((f) => f.split('/').pop()).join(', ')}`);
  // A package whose dependencies would come from the registry (the ESLint plugin's
  // typescript-eslint and ESLint) is not given to npm: it is unpacked into node_modules
  // after the install, and what it needs is linked from the workspace's own copies.
  const tarballOf = (pkg) => {
    const name = `${pkg.entries[0].replace('@', '').replace('/', '-')}-`;
    return files.find((f) => f.split('/').pop().startsWith(name));
  };
  const unpacked = packages.filter((p) => p.linked !== undefined);
  const viaNpm = files.filter((f) => !unpacked.some((p) => tarballOf(p) === f));

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'aio-pack-smoke', private: true, type: 'module' }, null, 2),
  );
  // rxjs (interop's optional peer) and @opentelemetry/api (trace's) come from the
  // workspace, so the install needs no registry.
  const rxjs = realpathSync(join(root, 'packages/interop/node_modules/rxjs'));
  const otelApi = realpathSync(join(root, 'packages/trace/node_modules/@opentelemetry/api'));
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...viaNpm,
      rxjs,
      otelApi,
    ],
    { ...quiet, cwd: app },
  );
  for (const pkg of unpacked) {
    const target = join(app, 'node_modules', pkg.entries[0]);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', tarballOf(pkg), '-C', target, '--strip-components=1'], quiet);
    for (const dep of pkg.linked) {
      const link = join(app, 'node_modules', dep);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(realpathSync(join(root, pkg.dir, 'node_modules', dep)), link, 'dir');
    }
  }

  // 1. Runtime: import and require, same export names.
  const names = (kind, spec, cwd = app) => {
    const code =
      kind === 'import'
        ? `const m = await import(${JSON.stringify(spec)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()));`
        : // A default export is `default` in both builds (ESM's namespace leaves it out above).
          `const m = require(${JSON.stringify(spec)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== '__esModule' && k !== 'default').sort()));`;
    const args =
      kind === 'import'
        ? ['--input-type=module', '-e', code]
        : ['--input-type=commonjs', '-e', code];
    return JSON.parse(execFileSync(process.execPath, args, { ...quiet, cwd }));
  };
  for (const spec of packages.flatMap((p) => p.entries)) {
    try {
      const esm = names('import', spec);
      const cjs = names('require', spec);
      if (JSON.stringify(esm) !== JSON.stringify(cjs)) {
        fail(`${spec}: import gives [${esm}] but require gives [${cjs}]`);
      } else if (mustExport.has(spec) && esm.length === 0) {
        fail(`${spec}: loads but exports nothing`);
      } else {
        console.log(`  ok   ${spec}: import and require load ${esm.length} exports`);
      }
    } catch (error) {
      fail(`${spec}: does not load: ${error.stderr ?? error.message}`);
    }
  }

  // 2. Types: every entry point resolves under node16 (ESM and CJS files) and bundler.
  const entries = packages.flatMap((p) => p.entries);
  const alias = (spec) => spec.replace(/[^A-Za-z0-9_$]/g, '_');
  writeFileSync(
    join(app, 'esm.ts'),
    entries.map((s) => `import * as ${alias(s)} from '${s}';\nexport { ${alias(s)} };\n`).join(''),
  );
  writeFileSync(
    join(app, 'cjs.cts'),
    entries.map((s) => `import ${alias(s)} = require('${s}');\nexport { ${alias(s)} };\n`).join(''),
  );
  // The public type family of core as a user writes with it: constructor values that are
  // also types, internals hidden, and no bundler-renamed names (`Future$1`) in sight.
  writeFileSync(
    join(app, 'usage.ts'),
    `import { type Coro, createTask, EventLoop, Future, gather, GatheringFuture, Handle, Task, TimerHandle } from '@aio/core';
const loop: EventLoop = new EventLoop();
const fut: Future<number> = new Future<number>({ loop });
const same: EventLoop = fut.getLoop();
const x: unknown = fut;
if (x instanceof Future) x.cancel();
class MyLoop extends EventLoop {
  now(): number {
    return this.time();
  }
}
class MyFuture<T> extends Future<T> {}
function* num(): Coro<number> {
  return 1;
}
function* main(): Coro<number> {
  const t: Task<number> = createTask(num());
  const g: GatheringFuture<[number, number]> = gather(t, num());
  const [a, b] = yield* g;
  return (yield* t) + a + b;
}
const h: Handle = loop.callSoon(() => {});
const th: TimerHandle = loop.callLater(1, () => {});
// @ts-expect-error internal members are not published
fut._state;
export { same, MyLoop, MyFuture, main, h, th };
`,
  );
  for (const dts of ['index.d.ts', 'index.d.cts']) {
    const text = readFileSync(join(app, 'node_modules/@aio/core/dist', dts), 'utf8');
    const renamed = text.match(/\b\w+\$\d+\b/g);
    if (renamed) fail(`@aio/core/dist/${dts} has bundler-renamed names: ${[...new Set(renamed)]}`);
  }
  const common = {
    target: 'ES2022',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    lib: ['ES2022', 'DOM'],
    types: [],
  };
  const configs = {
    node16: { ...common, module: 'node16', moduleResolution: 'node16' },
    bundler: { ...common, module: 'preserve', moduleResolution: 'bundler' },
  };
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [name, compilerOptions] of Object.entries(configs)) {
    const file = join(app, `tsconfig.${name}.json`);
    writeFileSync(
      file,
      JSON.stringify({ compilerOptions, files: ['esm.ts', 'cjs.cts', 'usage.ts'] }, null, 2),
    );
    try {
      execFileSync(process.execPath, [tsc, '-p', file], { ...quiet, cwd: app });
      console.log(`  ok   types resolve with moduleResolution ${name} (import and require)`);
    } catch (error) {
      fail(`types with moduleResolution ${name}:\n${error.stdout}${error.stderr}`);
    }
  }

  // 3. The ESLint plugin, as a user runs it: ESLint with typed linting over a file that uses
  //    the installed @aio/core (its declarations in node_modules/@aio/core/dist).
  const lintDir = join(app, 'lint');
  mkdirSync(lintDir);
  writeFileSync(
    join(lintDir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: configs.node16, include: ['*.ts'] }, null, 2),
  );
  writeFileSync(
    join(lintDir, 'eslint.config.mjs'),
    [
      "import aio from '@aio/eslint-plugin';",
      "import tseslint from 'typescript-eslint';",
      'export default [',
      "  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },",
      '  aio.configs.recommended,',
      '];',
    ].join('\n'),
  );
  writeFileSync(
    join(lintDir, 'main.ts'),
    [
      "import { type Coro, sleep } from '@aio/core';",
      'export function* main(): Coro<void> {',
      '  sleep(1);',
      '  yield* sleep(2);',
      '}',
      'export async function later(): Promise<void> {',
      '  await sleep(3);',
      '}',
    ].join('\n'),
  );
  const eslintBin = join(app, 'node_modules', 'eslint', 'bin', 'eslint.js');
  let report = '[]';
  try {
    report = execFileSync(process.execPath, [eslintBin, '--format', 'json', 'main.ts'], {
      ...quiet,
      cwd: lintDir,
    });
  } catch (error) {
    report = error.stdout || '[]'; // exit code 1: problems found, as expected
    if (!error.stdout) fail(`eslint did not run: ${error.stderr}`);
  }
  const found = JSON.parse(report).flatMap((r) => r.messages.map((m) => `${m.ruleId}@${m.line}`));
  const expected = ['@aio/no-floating-coroutine@3', '@aio/no-await-coroutine@7'];
  if (JSON.stringify(found) === JSON.stringify(expected)) {
    console.log(
      `  ok   @aio/eslint-plugin reports ${found.join(', ')} against the installed @aio/core`,
    );
  } else {
    fail(`@aio/eslint-plugin: expected ${expected.join(', ')}, got [${found.join(', ')}]`);
  }

  // 4. @opentelemetry/api is an optional peer of @aio/trace: without it, the main and node
  //    entries load, and the otel entry (the only one that needs it) fails naming it.
  const bare = join(work, 'app-no-otel');
  mkdirSync(bare);
  writeFileSync(
    join(bare, 'package.json'),
    JSON.stringify({ name: 'aio-pack-smoke-no-otel', private: true, type: 'module' }, null, 2),
  );
  const coreAndTrace = ['packages/core', 'packages/trace'].map((dir) =>
    tarballOf(packages.find((p) => p.dir === dir)),
  );
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...coreAndTrace],
    { ...quiet, cwd: bare },
  );
  const installed = readdirSync(join(bare, 'node_modules')).filter((d) => !d.startsWith('.'));
  const scoped = installed.flatMap((d) =>
    d.startsWith('@') ? readdirSync(join(bare, 'node_modules', d)).map((n) => `${d}/${n}`) : [d],
  );
  if (scoped.some((n) => n.startsWith('@opentelemetry/'))) {
    fail(`without @opentelemetry/api: npm installed it anyway (${scoped.join(', ')})`);
  } else {
    for (const spec of ['@aio/trace', '@aio/trace/node']) {
      try {
        const esm = names('import', spec, bare);
        const cjs = names('require', spec, bare);
        if (esm.length === 0 || JSON.stringify(esm) !== JSON.stringify(cjs)) {
          fail(`${spec} without @opentelemetry/api: import gives [${esm}], require [${cjs}]`);
        } else {
          console.log(
            `  ok   ${spec} without @opentelemetry/api: import and require load ${esm.length} exports`,
          );
        }
      } catch (error) {
        fail(`${spec} without @opentelemetry/api: does not load: ${error.stderr ?? error.message}`);
      }
    }
    for (const kind of ['import', 'require']) {
      try {
        names(kind, '@aio/trace/otel', bare);
        fail(`@aio/trace/otel without @opentelemetry/api: ${kind} loaded it`);
      } catch (error) {
        const message = String(error.stderr ?? error.message)
          .split('\n')
          .find((line) => /Error/.test(line));
        if (message?.includes("'@opentelemetry/api'")) {
          console.log(
            `  ok   @aio/trace/otel without @opentelemetry/api: ${kind} fails: ${message}`,
          );
        } else {
          fail(
            `@aio/trace/otel without @opentelemetry/api: ${kind} fails unclearly: ${error.stderr}`,
          );
        }
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures > 0) {
  console.error(`pack-smoke: ${failures} problem(s)`);
  process.exit(1);
}
console.log(
  'pack-smoke: every package loads with import and require, and its types resolve; @aio/trace loads without its optional peer',
);
