"""The in-process side of a Python benchmark case, mirroring bench/lib/harness.mjs.

A case is ``python3 bench/python/wN.py --impl NAME --n N --runs R --warmup W`` and
prints one line ``BENCH {json}`` with ``impl``, ``n``, ``unit`` and ``samples``.
A failed check raises (non-zero exit).
"""

import gc
import json
import sys
import time


def options(argv=None):
    """Parses ``--key value`` pairs; ``n``, ``runs``, ``warmup`` become ints."""
    argv = sys.argv[1:] if argv is None else argv
    out = {}
    i = 0
    while i < len(argv):
        key = argv[i]
        if not key.startswith('--'):
            raise SystemExit(f'unexpected argument {key}')
        if i + 1 < len(argv) and not argv[i + 1].startswith('--'):
            out[key[2:]] = argv[i + 1]
            i += 2
        else:
            out[key[2:]] = 'true'
            i += 1
    if 'impl' not in out:
        raise SystemExit('missing --impl')
    out['n'] = int(out.get('n', '1000'))
    out['runs'] = int(out.get('runs', '1'))
    out['warmup'] = int(out.get('warmup', '0'))
    return out


def check(what, actual, expected):
    """Raises unless ``actual == expected``."""
    if actual != expected:
        raise AssertionError(f'check failed: {what}: got {actual!r}, expected {expected!r}')


def triangle(n):
    """0 + 1 + ... + (n - 1)."""
    return n * (n - 1) // 2


def emit(result):
    """Prints the result line the runner reads."""
    print('BENCH ' + json.dumps(result), flush=True)


def time_runs(opts, fn, verify, subtract=0.0, metric=None):
    """``warmup`` untimed runs, then ``runs`` timed ones (a full GC before each).

    ``fn(n)`` returns its result, or ``(elapsed_ms, value)`` when it times only part
    of its run (``timed_part=True`` wrapper below). Samples are in ms.
    """
    for _ in range(opts['warmup']):
        r = fn(opts['n'])
        verify(r[1] if isinstance(r, Partial) else r)
    samples = []
    for _ in range(opts['runs']):
        gc.collect()
        t0 = time.perf_counter()
        r = fn(opts['n'])
        dt = (time.perf_counter() - t0) * 1000
        if isinstance(r, Partial):
            dt = r[0]
            r = r[1]
        verify(r)
        samples.append(dt - subtract)
    result = {'impl': opts['impl'], 'n': opts['n'], 'unit': 'ms', 'samples': samples}
    if metric:
        result['metric'] = metric
    emit(result)


class Partial(tuple):
    """``Partial((elapsed_ms, value))``: a run that timed only part of itself."""


def mulberry32(seed):
    """The same seeded PRNG as bench/lib/harness.mjs (same 32-bit arithmetic)."""
    a = seed & 0xFFFFFFFF
    mask = 0xFFFFFFFF

    def nxt():
        nonlocal a
        a = (a + 0x6D2B79F5) & mask
        t = a
        t = ((t ^ (t >> 15)) * (t | 1)) & mask
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & mask)) & mask
        return ((t ^ (t >> 14)) & mask) / 4294967296

    return nxt


def delays(n, max_ms, seed=42):
    """``n`` whole-millisecond delays in [0, max_ms], identical to the JS side."""
    r = mulberry32(seed)
    return [int(r() * (max_ms + 1)) for _ in range(n)]
