"""Checks that the oracle's programs cannot reach into each other (isolation.test.ts).

The oracle runs one program after another in one process. A program can end
with tasks suspended for good (its shutdown deadlocks), and the garbage
collector used to finalise their coroutines whenever it ran, inside a later
program, whose task their clean-up code then acted on. Collection times depend
on allocation counts, so that happened by chance (program 16801 of seed
535485859, after 16 801 others). This script makes the chance a certainty: the
collector is off while the programs run, and one collection runs exactly where
the target program is vulnerable (right after a chosen op).

Reads one JSON object on stdin::

    {"before": [program, ...],       # run first, in this process
     "target": program,
     "collectAfter": [actor, desc],  # gc.collect() right after this op of the target
     "protection": "full" | "guard-only" | "none"}

``guard-only`` turns off the closing of leftover tasks
(``deterministic.close_leftover_tasks``), ``none`` the ``Interp.guard`` check
too: the oracle as it was, to show the setup does reach the target.

Prints one JSON object::

    {"fresh": trace of the target in a clean process state,
     "suspended": coroutines still suspended after the "before" programs,
     "collected": whether the collection ran,
     "trace": the target's trace after them, or null,
     "error": what run_program raised for the target, or null}
"""

import gc
import inspect
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)

import interpret  # noqa: E402


def suspended_coroutines():
    """The coroutines (anywhere in the process) that are started and not finished."""
    return sorted(
        f'{c.__qualname__} line {c.cr_frame.f_lineno}'
        for c in gc.get_objects()
        if inspect.iscoroutine(c) and inspect.getcoroutinestate(c) == inspect.CORO_SUSPENDED)


def main():
    out = sys.stdout
    sys.stdout = sys.stderr  # a stray print() (asyncio's logging) must not corrupt the JSON
    req = json.load(sys.stdin)
    interpret.deterministic.install()
    protection = req['protection']
    if protection not in ('full', 'guard-only', 'none'):
        sys.exit(f'isolation.py: unknown protection {protection!r}')
    if protection != 'full':
        interpret.deterministic.close_leftover_tasks = lambda loop: None
    if protection == 'none':
        interpret.Interp.guard = lambda self, actor: None

    fresh = interpret.run_program(req['target'])

    actor, desc = req['collectAfter']
    armed = {'on': False, 'collected': False}
    original_doing = interpret.Interp.doing

    def doing(self, who, what, fn):
        try:
            original_doing(self, who, what, fn)
        finally:
            if armed['on'] and (who, what) == (actor, desc):
                armed['on'] = False
                armed['collected'] = True
                gc.collect()

    interpret.Interp.doing = doing
    gc.collect()
    gc.disable()  # the one collection is the one in doing()
    for program in req['before']:
        interpret.run_program(program)
    suspended = suspended_coroutines()
    armed['on'] = True
    trace, error = None, None
    try:
        trace = interpret.run_program(req['target'])
    except Exception as exc:  # noqa: BLE001 - reported to the test
        error = f'{type(exc).__name__}: {exc}'
    gc.enable()
    out.write(json.dumps({
        'fresh': fresh,
        'suspended': suspended,
        'collected': armed['collected'],
        'trace': trace,
        'error': error,
    }) + '\n')


if __name__ == '__main__':
    main()
