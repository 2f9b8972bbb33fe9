import type { RollupOptions } from 'rollup';

/** What a package tells the shared build. */
export interface BuildOptions {
  /** Entry name to source file, relative to the package: `{ index: 'src/index.ts' }`. */
  input: Record<string, string>;
  /** The package folder; defaults to the current directory (where `rollup -c` runs). */
  cwd?: string;
}

/** The rollup configuration of one package: JS (ESM + CJS, source maps) and bundled types. */
export declare function defineBuild(options: BuildOptions): RollupOptions[];
