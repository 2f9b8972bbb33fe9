// The one build every public aio package uses: ESM (.js) + CommonJS (.cjs) with source maps,
// and bundled type declarations for both (.d.ts for import, .d.cts for require).
// A package's rollup.config.js is just `export default defineBuild({ ... })`.
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

/**
 * A d.ts post-process for the pattern core uses for its class-like public types: an
 * interface (`interface Future<T>`, declared in a leaf module) published under the same
 * name as a constructor value, through a type alias in another module
 * (`type Future<T> = api.Future<T>; const Future: FutureConstructor`). Bundling the
 * declarations into one file renames the interface to `Future$1` (two declarations named
 * `Future`), which users would then read in hovers and type errors. This merges them
 * back: it drops each alias `type X<...> = X$1<...>;` (with the comment above it) and
 * renames `X$1` to `X`, leaving an interface and a const of one name in one file, as
 * `lib.d.ts` declares `Promise`.
 *
 * @returns {import('rollup').Plugin}
 */
export function mergeAliasedInterfaces() {
  return {
    name: 'aio-merge-aliased-interfaces',
    // rollup-plugin-dts writes the declarations in its own late hooks: rewrite the
    // finished chunks.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = mergeAliases(chunk.code);
      }
    },
  };
}

/** The transform of {@link mergeAliasedInterfaces}, on one declaration file's text. */
export function mergeAliases(code) {
  const alias =
    /(?:\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n)?type (\w+)(<[^>\n]*>)? = \1\$1(<[^;\n]*>)?;\n/g;
  const names = [];
  let merged = code.replace(alias, (_m, name) => {
    names.push(name);
    return '';
  });
  for (const name of names) merged = merged.replace(new RegExp(`\\b${name}\\$1\\b`, 'g'), name);
  return merged;
}

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
      // `@internal` members stay out of the published types (and so out of users'
      // autocomplete and type errors).
      plugins: [
        dts({ tsconfig: join(cwd, 'tsconfig.json'), compilerOptions: { stripInternal: true } }),
        mergeAliasedInterfaces(),
      ],
      output: { dir: join(cwd, 'dist'), format: 'es', ...chunkNames(ext) },
    })),
  ];
}
