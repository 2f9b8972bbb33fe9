/**
 * The CPython side of the fuzzer: one long-lived `python3 interpret.py --serve`
 * process that runs programs sent to it as JSON lines and answers with their
 * traces, so that 100 000 programs cost one interpreter start-up.
 *
 * @module
 */

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The one place the fuzzer learns where CPython is (the comparison harness's finder).
import { findPython, type PythonInfo } from '@aio/test-utils';
import type { Program } from './program';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The path of the Python interpreter of the DSL. */
export const INTERPRET_PY = join(HERE, 'interpret.py');

/** The oldest CPython the oracle accepts: the reference version (ARCHITECTURE.md). */
export const ORACLE_MINIMUM: readonly [number, number] = [3, 13];

/**
 * The CPython to use as the oracle, or a sentence saying why there is none.
 * `AIO_PYTHON` wins when set (see ../compare/python.ts).
 */
export function findOracle(): { python: PythonInfo } | { missing: string } {
  const python = findPython();
  const [maj, min] = ORACLE_MINIMUM;
  if (python === undefined) {
    return { missing: `no CPython >= ${maj}.${min} found (set AIO_PYTHON to one)` };
  }
  const [a, b] = python.version;
  if (a < maj || (a === maj && b < min)) {
    return {
      missing: `no CPython >= ${maj}.${min} found (the newest is ${python.version.join('.')} at ${python.path}; set AIO_PYTHON to a 3.13)`,
    };
  }
  return { python };
}

interface Waiting {
  resolve(trace: string[]): void;
  reject(e: Error): void;
}

/** A running `interpret.py --serve`. Close it with {@link Oracle.close}. */
export class Oracle {
  readonly #proc: ChildProcessWithoutNullStreams;
  readonly #waiting = new Map<number, Waiting>();
  #buffer = '';
  #nextId = 1;
  #failure: Error | undefined;
  #stderr = '';
  /** `major.minor.micro` of the CPython that answers. */
  version = '';
  /** Its executable. */
  executable = '';

  private constructor(proc: ChildProcessWithoutNullStreams) {
    this.#proc = proc;
  }

  /** Starts the server and waits until it says it is ready. */
  static start(python: PythonInfo): Promise<Oracle> {
    const proc = spawn(python.path, [INTERPRET_PY, '--serve'], {
      env: { ...process.env, PYTHONASYNCIODEBUG: '', PYTHONDONTWRITEBYTECODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const oracle = new Oracle(proc);
    return new Promise<Oracle>((resolve, reject) => {
      let ready = false;
      proc.stdout.setEncoding('utf8');
      proc.stderr.setEncoding('utf8');
      proc.stderr.on('data', (chunk: string) => {
        // Kept (bounded) for the error message if the process dies.
        oracle.#stderr = (oracle.#stderr + chunk).slice(-20_000);
      });
      proc.stdout.on('data', (chunk: string) => {
        oracle.#buffer += chunk;
        let nl = oracle.#buffer.indexOf('\n');
        while (nl >= 0) {
          const line = oracle.#buffer.slice(0, nl);
          oracle.#buffer = oracle.#buffer.slice(nl + 1);
          nl = oracle.#buffer.indexOf('\n');
          if (line.trim() === '') continue;
          const msg = JSON.parse(line) as {
            ready?: boolean;
            python?: string;
            executable?: string;
            id?: number;
            trace?: string[];
            error?: string;
          };
          if (msg.ready) {
            ready = true;
            oracle.version = msg.python ?? '';
            oracle.executable = msg.executable ?? '';
            resolve(oracle);
            continue;
          }
          const w = oracle.#waiting.get(msg.id as number);
          if (w === undefined) continue;
          oracle.#waiting.delete(msg.id as number);
          if (msg.error !== undefined) {
            w.reject(new Error(`interpret.py failed on program ${msg.id}:\n${msg.error}`));
          } else {
            w.resolve(msg.trace as string[]);
          }
        }
      });
      const die = (why: string): void => {
        const e = new Error(`interpret.py (${python.path}) ${why}\n${oracle.#stderr}`);
        oracle.#failure = e;
        if (!ready) reject(e);
        for (const w of oracle.#waiting.values()) w.reject(e);
        oracle.#waiting.clear();
      };
      proc.on('error', (e) => die(`could not start: ${e.message}`));
      proc.on('exit', (code, signal) => {
        if (oracle.#failure === undefined) die(`exited (code ${code}, signal ${signal})`);
      });
    });
  }

  /** CPython's trace of `program`. */
  trace(program: Program): Promise<string[]> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise<string[]>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#proc.stdin.write(`${JSON.stringify({ id, program })}\n`);
    });
  }

  /** Stops the server. */
  close(): void {
    this.#failure ??= new Error('the oracle is closed');
    this.#proc.stdin.end();
    this.#proc.kill();
  }
}
