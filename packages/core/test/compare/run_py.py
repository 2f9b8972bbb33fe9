"""Runs every Python comparison scenario on a virtual-time loop; prints JSON.

Usage: python3 run_py.py [--ignore-min-python] [--update-expected] [name ...]

Scenarios are the ``*.py`` files under ``scenarios/`` (any depth; files starting
with ``_`` are skipped). Each defines ``async def main(log)`` and may set
``MIN_PYTHON = (3, 12)``. The name of a scenario is its path below
``scenarios/`` without the extension, e.g. ``futures/done_callbacks_in_order``.

Output (stdout, one JSON object)::

    {"python": "3.13.0", "executable": "...",
     "scenarios": {name: {"lines": [...]} | {"lines": null, "minPython": "3.12"}}}

A scenario whose MIN_PYTHON is newer than this interpreter is not run
(``lines`` is null); the TypeScript side then compares against its
``.expected`` file. ``--update-expected`` (re)writes ``<name>.expected`` for
every scenario that declares MIN_PYTHON and ran here.
"""

import asyncio
import gc
import importlib.util
import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, 'scenarios')
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)

from compare_lib import raised, fmt  # noqa: E402
from vloop import VirtualTimeLoop  # noqa: E402

if sys.version_info < (3, 11):
    sys.exit(f'run_py.py needs CPython 3.11 or newer, not {sys.version.split()[0]}')

import deterministic  # noqa: E402

# Where CPython iterates a set (run()'s leftover tasks, a TaskGroup's tasks,
# as_completed's futures), go in creation order, as aio does (deterministic.py).
deterministic.install()


def discover():
    found = []
    for root, dirs, files in os.walk(SCENARIOS):
        dirs.sort()
        for f in sorted(files):
            if f.endswith('.py') and not f.startswith('_'):
                path = os.path.join(root, f)
                name = os.path.relpath(path, SCENARIOS)[:-3].replace(os.sep, '/')
                found.append((name, path))
    return sorted(found)


def load(name, path):
    spec = importlib.util.spec_from_file_location('scenario_' + name.replace('/', '__'), path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if not callable(getattr(mod, 'main', None)):
        raise TypeError(f'{path}: no main(log) defined')
    return mod


def run_scenario(mod):
    """Runs one scenario; returns (trace lines, reports, what it wrote to stdout/stderr)."""
    lines = []
    state = {'open': True, 'loop': None}

    reports = []

    def on_report(loop, context):
        # What the loop's exception handler gets (a never-retrieved exception, a
        # failing callback...): compared with aio's reports as a sorted list, since
        # CPython reports at reference-count time and aio at loop close or GC.
        exc = context.get('exception')
        message = context['message'].replace('asyncio.run()', 'run()')
        reports.append(message + ('' if exc is None else ': ' + fmt(exc)))

    def factory():
        loop = VirtualTimeLoop()
        loop.set_exception_handler(on_report)
        state['loop'] = loop
        return loop

    def log(*parts):
        if not state['open']:
            return  # e.g. a __del__ after the run: not part of the trace
        loop = state['loop']
        t = round(loop.time() * 1000)
        lines.append(f'{t} ' + ' '.join(str(p) for p in parts))

    captured = io.StringIO()
    saved = sys.stdout, sys.stderr
    # asyncio's default exception handler logs through `logging`, whose fallback
    # handler writes to the current sys.stderr: keep that out of the test output.
    sys.stdout = sys.stderr = captured
    try:
        with asyncio.Runner(loop_factory=factory, debug=False) as runner:
            result = runner.run(mod.main(log))
        lines.append('result ' + fmt(result))
    except BaseException as exc:  # noqa: BLE001 - every outcome is part of the trace
        if isinstance(exc, KeyboardInterrupt):
            raise
        lines.append(raised(exc))
    finally:
        state['open'] = False
        try:
            if state['loop'] is not None:
                # Tasks the scenario left suspended are closed now, with no loop running:
                # not by the garbage collector in the middle of the next scenario.
                deterministic.close_leftover_tasks(state['loop'])
            gc.collect()
        finally:
            sys.stdout, sys.stderr = saved
    return lines, sorted(reports), captured.getvalue()


def main(argv):
    ignore_min = '--ignore-min-python' in argv
    update = '--update-expected' in argv
    only = [a for a in argv if not a.startswith('--')]
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # a stray print() in a scenario must not corrupt the JSON
    out = {}
    version = '.'.join(map(str, sys.version_info[:3]))
    for name, path in discover():
        if only and name not in only:
            continue
        try:
            mod = load(name, path)
        except BaseException as exc:  # noqa: BLE001
            out[name] = {'lines': [f'load error {type(exc).__name__}: {exc}']}
            continue
        need = tuple(getattr(mod, 'MIN_PYTHON', (3, 11)))
        if sys.version_info[:len(need)] < need and not ignore_min:
            out[name] = {'lines': None, 'minPython': '.'.join(map(str, need))}
            continue
        lines, reports, output = run_scenario(mod)
        entry = {'lines': lines, 'reports': reports}
        if output:
            entry['output'] = output
        if need > (3, 11):
            entry['minPython'] = '.'.join(map(str, need))
            if update:
                with open(path[:-3] + '.expected', 'w', encoding='utf-8') as f:
                    f.write(f'# CPython {version}, {name}\n')
                    f.write('\n'.join(lines) + '\n')
        out[name] = entry
    real_stdout.write(json.dumps({
        'python': version,
        'executable': sys.executable,
        'scenarios': out,
    }, indent=1) + '\n')
    real_stdout.flush()


if __name__ == '__main__':
    main(sys.argv[1:])
