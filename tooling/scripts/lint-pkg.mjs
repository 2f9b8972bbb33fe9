// Lints what one package would publish: run in the package folder (its `lint:pkg` script).
//
// 1. `pnpm pack` makes the real tarball (pnpm applies `publishConfig` and rewrites
//    `workspace:` ranges, which `npm pack` would not).
// 2. `publint --strict` on that tarball: fields, files, exports; warnings fail too.
// 3. `attw` (Are the Types Wrong) on that tarball, every entry point in `exports`,
//    profile node16: resolution under node16 ESM and CJS and bundlers. (The default
//    "strict" profile also demands TypeScript's legacy `node10` resolution, which has
//    no subpath exports; aio targets Node >= 18 and TypeScript's node16/bundler modes.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

const packDir = resolve('.pack');
rmSync(packDir, { recursive: true, force: true });
mkdirSync(packDir);
execFileSync('pnpm', ['pack', '--pack-destination', packDir], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
if (!tarball) throw new Error(`lint-pkg: pnpm pack made no tarball in ${packDir}`);
const file = join(packDir, tarball);

try {
  run(bin('publint'), ['run', file, '--strict']);
  run(bin('attw'), [file, '--profile', 'node16', '--no-emoji', '--no-color']);
} finally {
  rmSync(packDir, { recursive: true, force: true });
}
