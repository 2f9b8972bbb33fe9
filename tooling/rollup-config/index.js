// The one build every public aio package uses: ESM (.js) + CommonJS (.cjs) with source maps,
// and bundled type declarations for both (.d.ts for import, .d.cts for require).
// A package's rollup.config.js is just `export default defineBuild({ ... })`.
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

/**
 * Builds the rollup configuration of one package.
 *
 * @param {import('./index').BuildOptions} options
 * @returns {import('rollup').RollupOptions[]}
 */
export function defineBuild(options) {
  const cwd = options.cwd ?? process.cwd();
  const { input } = options;
  if (input === null || typeof input !== 'object' || Object.keys(input).length === 0) {
    throw new TypeError(
      'defineBuild: `input` must map entry names to source files, e.g. { index: "src/index.ts" }',
    );
  }
  // Start from an empty dist/ so that no file of an older build is ever packed.
  rmSync(join(cwd, 'dist'), { recursive: true, force: true });
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  // Dependencies and peers are never bundled: `@aio/core` must stay one module instance
  // (one running-loop slot), and optional peers like rxjs are the user's to install.
  const deps = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...builtinModules,
  ];
  const external = (id) =>
    id.startsWith('node:') || deps.some((dep) => id === dep || id.startsWith(`${dep}/`));
  const resolvedInput = Object.fromEntries(
    Object.entries(input).map(([name, file]) => [name, join(cwd, file)]),
  );
  const chunkNames = (ext) => ({
    entryFileNames: `[name].${ext}`,
    chunkFileNames: `_chunks/[name]-[hash].${ext}`,
  });

  return [
    {
      input: resolvedInput,
      external,
      plugins: [esbuild({ target: 'es2022', tsconfig: join(cwd, 'tsconfig.json') })],
      output: [
        { dir: join(cwd, 'dist'), format: 'es', sourcemap: true, ...chunkNames('js') },
        {
          dir: join(cwd, 'dist'),
          format: 'cjs',
          sourcemap: true,
          exports: 'named',
          ...chunkNames('cjs'),
        },
      ],
    },
    ...['d.ts', 'd.cts'].map((ext) => ({
      input: resolvedInput,
      external,
      plugins: [dts({ tsconfig: join(cwd, 'tsconfig.json') })],
      output: { dir: join(cwd, 'dist'), format: 'es', ...chunkNames(ext) },
    })),
  ];
}
