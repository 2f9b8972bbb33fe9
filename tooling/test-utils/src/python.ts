import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A Python interpreter found on this machine. */
export interface PythonInfo {
  /** The command or absolute path to run. */
  readonly command: string;
  /** `sys.version_info[:3]`, e.g. `[3, 13, 0]`. */
  readonly version: readonly [number, number, number];
}

/** Where the development machines keep CPython 3.13, the reference for aio's semantics. */
const KNOWN_CPYTHON_313 = '/root/.pyenv/versions/3.13.0/bin/python3';

function probe(command: string): PythonInfo | undefined {
  const out = spawnSync(command, ['-c', 'import sys; print(*sys.version_info[:3])'], {
    encoding: 'utf8',
  });
  if (out.status !== 0 || typeof out.stdout !== 'string') return undefined;
  const parts = out.stdout.trim().split(' ').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n))) return undefined;
  return { command, version: [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0] };
}

/**
 * Finds the Python to compare against: `$AIO_PYTHON` if set, else CPython 3.13 where the
 * development machines keep it, else `python3.13`, else `python3`.
 *
 * @throws {Error} when none of them runs.
 * @example
 * ```ts
 * const py = findPython();
 * console.log(py.command, py.version.join('.'));
 * ```
 */
export function findPython(): PythonInfo {
  const fromEnv = process.env.AIO_PYTHON;
  const candidates = fromEnv
    ? [fromEnv]
    : [...(existsSync(KNOWN_CPYTHON_313) ? [KNOWN_CPYTHON_313] : []), 'python3.13', 'python3'];
  for (const candidate of candidates) {
    const info = probe(candidate);
    if (info) return info;
  }
  throw new Error(
    `findPython: no Python found (tried ${candidates.join(', ')}); set AIO_PYTHON to an interpreter`,
  );
}

/** Options of {@link runPython}. */
export interface RunPythonOptions {
  /** The interpreter; default {@link findPython}'s choice. */
  python?: PythonInfo;
  /** Arguments after the script. */
  args?: readonly string[];
  /** Kill the interpreter after this many ms (default 60 000). */
  timeoutMs?: number;
}

/**
 * Runs a Python script given as source text and returns its standard output.
 *
 * @throws {TypeError} when `code` is not a string.
 * @throws {Error} when Python exits non-zero; the message holds its standard error.
 * @example
 * ```ts
 * runPython('import asyncio; print(asyncio.run(asyncio.sleep(0, 7)))'); // '7\n'
 * ```
 */
export function runPython(code: string, options: RunPythonOptions = {}): string {
  if (typeof code !== 'string') {
    throw new TypeError(`runPython: code must be a string, got ${typeof code}`);
  }
  const python = options.python ?? findPython();
  try {
    return execFileSync(python.command, ['-c', code, ...(options.args ?? [])], {
      encoding: 'utf8',
      timeout: options.timeoutMs ?? 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new Error(
      `runPython: ${python.command} failed: ${typeof stderr === 'string' ? stderr.trim() : String(error)}`,
      { cause: error },
    );
  }
}
