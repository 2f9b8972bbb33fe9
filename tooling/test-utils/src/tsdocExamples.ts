/**
 * Running a package's TSDoc `@example` blocks as tests: finding them in the sources,
 * binding their `import` lines to the real modules, and reading the output they show
 * with `// →` lines. Node only (it reads files).
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One ```ts block after an `@example` tag (or a README block), with where it stands. */
export interface Example {
  /** The file, relative to the folder searched. */
  file: string;
  /** The 1-based line of the `@example` tag (or of the block's first line). */
  line: number;
  code: string;
}

/** The `.ts` sources below `dir` (tests, type tests and test utilities left out), sorted. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const d = pending.pop() as string;
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) pending.push(path);
      else if (/\.ts$/.test(name) && !/\.test(-d)?\.ts$|\.testutil\.ts$/.test(name)) {
        out.push(path);
      }
    }
  }
  return out.sort();
}

/** The `@example` blocks of one source file (`file` relative to `root`). */
export function examplesOf(path: string, root: string): Example[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const found: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\s*$/.test(lines[i] as string)) continue;
    if (!/^\s*\*\s*```ts\s*$/.test(lines[i + 1] ?? '')) continue;
    const code: string[] = [];
    let j = i + 2;
    for (; j < lines.length && !/^\s*\*\s*```\s*$/.test(lines[j] as string); j++) {
      code.push((lines[j] as string).replace(/^\s*\* ?/, ''));
    }
    found.push({ file: relative(root, path), line: i + 1, code: code.join('\n') });
    i = j;
  }
  return found;
}

/**
 * Rewrites an example's `import { a, type B, c as d } from 'x';` lines to
 * `const { a, c: d } = await __load('x');` (type-only imports vanish), for a function
 * that receives `__load`. Throws on a module `isKnown` refuses, naming it.
 */
export function bindImports(code: string, isKnown: (module: string) => boolean): string {
  return code.replace(
    /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';$/gm,
    (_all, typeOnly: string | undefined, names: string, from: string) => {
      if (!isKnown(from)) throw new Error(`example imports an unknown module: ${from}`);
      if (typeOnly) return '';
      const bound = names
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '' && !n.startsWith('type '))
        .map((n) => n.replace(/\s+as\s+/, ': '));
      return `const { ${bound.join(', ')} } = await __load(${JSON.stringify(from)});`;
    },
  );
}

/**
 * The exported declarations of `files` whose doc comment has neither `@example` nor
 * `@internal`, as `file: name` (file relative to `root`).
 */
export function exportsWithoutExamples(files: readonly string[], root: string): string[] {
  const missing: string[] = [];
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const re =
      /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*export\s+(?:function|interface|type|class|const)\s+(\w+)/g;
    const documented = new Set<string>();
    for (const m of text.matchAll(re)) {
      if ((m[1] as string).includes('@example') || (m[1] as string).includes('@internal')) {
        documented.add(m[2] as string);
      }
    }
    for (const m of text.matchAll(/^export\s+(?:function|interface|type|class|const)\s+(\w+)/gm)) {
      if (!documented.has(m[1] as string)) missing.push(`${relative(root, path)}: ${m[1]}`);
    }
  }
  return missing;
}
