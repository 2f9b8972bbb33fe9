/**
 * Finds a CPython for the comparison harness and runs the Python half of it
 * (`run_py.py`) once for every scenario.
 *
 * @module
 */

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A Python interpreter that was probed successfully. */
export interface PythonInfo {
  readonly path: string;
  readonly version: readonly [number, number, number];
}

/** The version the traces are checked against when it is installed. */
export const REFERENCE: readonly [number, number] = [3, 13];
/** The oldest CPython whose asyncio the harness supports (asyncio.Runner). */
export const MINIMUM: readonly [number, number] = [3, 11];

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

const cmp = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/**
 * The CPython to compare against. `AIO_PYTHON` (a path) wins when set.
 * Otherwise every pyenv version (`$PYENV_ROOT` or `~/.pyenv`) and `python3.N` /
 * `python3` on PATH are probed; the reference version (3.13) is preferred, else
 * the newest one that is at least 3.11. Returns `undefined` when none qualifies.
 */
export function findPython(): PythonInfo | undefined {
  const forced = process.env.AIO_PYTHON;
  if (forced) {
    const info = probe(forced);
    return info && cmp(info.version, MINIMUM) >= 0 ? info : undefined;
  }
  const names = ['python3.15', 'python3.14', 'python3.13', 'python3.12', 'python3.11', 'python3'];
  const seen = new Set<string>();
  const usable: PythonInfo[] = [];
  for (const path of [...pyenvCandidates(), ...names]) {
    if (seen.has(path)) continue;
    seen.add(path);
    const info = probe(path);
    if (info && cmp(info.version, MINIMUM) >= 0) usable.push(info);
  }
  const reference = usable.filter((p) => cmp(p.version.slice(0, 2), REFERENCE) === 0);
  const pool = reference.length > 0 ? reference : usable;
  // Newest first; among equal versions the first found (pyenv before PATH) wins.
  return pool.reduce<PythonInfo | undefined>(
    (best, p) => (best === undefined || cmp(p.version, best.version) > 0 ? p : best),
    undefined,
  );
}

/** One scenario's outcome on CPython. */
export interface PythonTrace {
  /** The trace, or `null` when the scenario needs a newer Python than the one found. */
  readonly lines: string[] | null;
  /** The scenario's `MIN_PYTHON`, when it declares one newer than 3.11. */
  readonly minPython?: string;
  /** What the scenario wrote to stdout/stderr (asyncio's own error logs). */
  readonly output?: string;
}

/** What `run_py.py` prints. */
export interface PythonRun {
  readonly python: string;
  readonly executable: string;
  readonly scenarios: Record<string, PythonTrace>;
}

/** Runs `run_py.py` with `python` over every scenario and parses its JSON. */
export function runPythonScenarios(python: PythonInfo, runPy: string): PythonRun {
  const out = execFileSync(python.path, [runPy], {
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PYTHONASYNCIODEBUG: '', PYTHONDONTWRITEBYTECODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out) as PythonRun;
}
