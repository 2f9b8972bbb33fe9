/**
 * Which source files belong to `@aio/core`: the rules recognise aio's types by where they
 * are declared, never by their name alone (another library's `Future` is not aio's).
 *
 * @module
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package whose declarations the rules recognise. */
export const AIO_CORE = '@aio/core';

/** Directory → whether it lies inside the `@aio/core` package (filled as folders are seen). */
const folderVerdicts = new Map<string, boolean>();

/**
 * Whether a file (a declaration file of an installed package, or a source file of the
 * workspace) belongs to the package `@aio/core`.
 *
 * Installed copies are recognised by their path (`.../node_modules/@aio/core/...`, which
 * covers npm, yarn and pnpm layouts); anything else by the nearest `package.json` above the
 * file that has a `name` (so `packages/core/src/types.ts` of aio's own workspace counts).
 * Results are cached per folder.
 *
 * @example
 * ```ts
 * isAioCoreFile('/app/node_modules/@aio/core/dist/index.d.ts'); // true
 * isAioCoreFile('/app/src/main.ts'); // false (unless /app/package.json is named @aio/core)
 * ```
 */
export function isAioCoreFile(fileName: string): boolean {
  const path = fileName.replace(/\\/g, '/');
  if (path.includes(`/node_modules/${AIO_CORE}/`)) return true;
  if (path.includes('/node_modules/')) {
    // Inside some other installed package: its own package.json names it, but the walk
    // below would find that too; this shortcut only saves the file reads.
    return false;
  }
  const seen: string[] = [];
  let folder = dirname(path);
  let verdict = false;
  for (;;) {
    const cached = folderVerdicts.get(folder);
    if (cached !== undefined) {
      verdict = cached;
      break;
    }
    seen.push(folder);
    const name = packageName(join(folder, 'package.json'));
    if (name !== undefined) {
      verdict = name === AIO_CORE;
      break;
    }
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const f of seen) folderVerdicts.set(f, verdict);
  return verdict;
}

/** The `name` of a package.json, or undefined when the file is absent, unnamed or unreadable. */
function packageName(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (json !== null && typeof json === 'object' && 'name' in json) {
      const { name } = json as { name: unknown };
      if (typeof name === 'string' && name !== '') return name;
    }
  } catch {
    // An unreadable package.json names no package: keep walking up.
  }
  return undefined;
}
