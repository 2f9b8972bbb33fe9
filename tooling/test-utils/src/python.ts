/**
 * Finding a CPython to compare aio with, and running Python programs.
 *
 * Nothing here names a fixed path: the interpreter is `AIO_PYTHON` when set, else the
 * best of every pyenv version (`$PYENV_ROOT/versions/*` and `~/.pyenv/versions/*`) and the
 * `python3.N` / `python3` commands on `PATH`.
 *
 * @module
 */

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A Python interpreter that was probed successfully. */
export interface PythonInfo {
  /** The command or path that runs it. */
  readonly path: string;
  /** Its version, `[major, minor, micro]`. */
  readonly version: readonly [number, number, number];
}

/** The version aio is checked against when it is installed. */
export const REFERENCE_PYTHON: readonly [number, number] = [3, 13];
/** The oldest CPython whose asyncio the comparisons support (`asyncio.Runner`). */
export const MINIMUM_PYTHON: readonly [number, number] = [3, 11];

const PROBE = 'import sys; print(sys.implementation.name, "%d.%d.%d" % sys.version_info[:3])';

function probe(path: string): PythonInfo | undefined {
  try {
    const out = execFileSync(path, ['-c', PROBE], {
      encoding: 'utf8',
      timeout: 15_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const m = /^cpython (\d+)\.(\d+)\.(\d+)$/.exec(out);
    if (!m) return undefined;
    return { path, version: [Number(m[1]), Number(m[2]), Number(m[3])] };
  } catch {
    return undefined; // not installed, a pyenv shim without that version, ...
  }
}

function pyenvCandidates(): string[] {
  const roots = new Set<string>();
  if (process.env.PYENV_ROOT) roots.add(process.env.PYENV_ROOT);
  roots.add(join(homedir(), '.pyenv'));
  const found: string[] = [];
  for (const root of roots) {
    const versions = join(root, 'versions');
    if (!existsSync(versions)) continue;
    for (const v of readdirSync(versions)) {
      const exe = join(versions, v, 'bin', 'python3');
      if (existsSync(exe)) found.push(exe);
    }
  }
  return found;
}

/** Compares two version tuples. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The CPython to compare against. `AIO_PYTHON` (a path) wins when set. Otherwise every
 * pyenv version and `python3.N` / `python3` on `PATH` are probed; `prefer` (3.13 by
 * default) is taken when present, else the newest one that is at least `minimum` (3.11).
 * Returns `undefined` when none qualifies.
 *
 * @example
 * ```ts
 * const py = findPython();
 * if (py) console.log(`CPython ${py.version.join('.')} at ${py.path}`);
 * ```
 */
export function findPython(
  opts: { prefer?: readonly [number, number]; minimum?: readonly [number, number] } = {},
): PythonInfo | undefined {
  const prefer = opts.prefer ?? REFERENCE_PYTHON;
  const minimum = opts.minimum ?? MINIMUM_PYTHON;
  const forced = process.env.AIO_PYTHON;
  if (forced) {
    const info = probe(forced);
    return info && compareVersions(info.version, minimum) >= 0 ? info : undefined;
  }
  const names = ['python3.15', 'python3.14', 'python3.13', 'python3.12', 'python3.11', 'python3'];
  const seen = new Set<string>();
  const usable: PythonInfo[] = [];
  for (const path of [...pyenvCandidates(), ...names]) {
    if (seen.has(path)) continue;
    seen.add(path);
    const info = probe(path);
    if (info && compareVersions(info.version, minimum) >= 0) usable.push(info);
  }
  const preferred = usable.filter((p) => compareVersions(p.version.slice(0, 2), prefer) === 0);
  const pool = preferred.length > 0 ? preferred : usable;
  // Newest first; among equal versions the first found (pyenv before PATH) wins.
  return pool.reduce<PythonInfo | undefined>(
    (best, p) => (best === undefined || compareVersions(p.version, best.version) > 0 ? p : best),
    undefined,
  );
}

/** Options of {@link runPython}. */
export interface RunPythonOptions {
  /** Text for the program's stdin. */
  input?: string;
  /** Kill it after this many ms (default 300 000). */
  timeoutMs?: number;
  /** The working directory. */
  cwd?: string;
}

/**
 * Runs `python script ...args` and returns its stdout. asyncio's debug mode is kept off
 * (`PYTHONASYNCIODEBUG` cleared) and no bytecode is written next to the scripts.
 *
 * @throws Error (from `execFileSync`) when the program exits non-zero; its stderr is in
 * the error.
 * @example
 * ```ts
 * const out = runPython(findPython()!, 'seed_cpython.py');
 * ```
 */
export function runPython(
  python: PythonInfo,
  script: string,
  args: readonly string[] = [],
  opts: RunPythonOptions = {},
): string {
  return execFileSync(python.path, [script, ...args], {
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 300_000,
    maxBuffer: 256 * 1024 * 1024,
    cwd: opts.cwd,
    input: opts.input,
    env: { ...process.env, PYTHONASYNCIODEBUG: '', PYTHONDONTWRITEBYTECODE: '1' },
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
}
