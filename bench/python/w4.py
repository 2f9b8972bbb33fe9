"""W4 (CPython): N sleepers with seeded random whole-ms delays.

virtual: delays 0-1000 ms on a virtual-time loop (the comparison harness's vloop.py,
         without its iteration limit and rounding); sample = wall time.
real:    delays 0-50 ms on the real loop; sample = wall time past the largest delay.
"""

import asyncio
import os
import sys

from common import check, delays, options, time_runs

sys.path.insert(
    0, os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'core', 'test', 'compare')
)
from vloop import JumpingLoop as VirtualTimeLoop  # noqa: E402

woken = 0


async def sleeper(ms):
    global woken
    await asyncio.sleep(ms / 1000)
    woken += 1


async def main(d):
    await asyncio.gather(*[asyncio.create_task(sleeper(ms)) for ms in d])
    return asyncio.get_running_loop().time()


def virtual(d):
    with asyncio.Runner(loop_factory=VirtualTimeLoop) as runner:
        return runner.run(main(d))


def real(d):
    return asyncio.run(main(d))


if __name__ == '__main__':
    opts = options()
    is_real = opts['impl'] == 'real'
    max_ms = int(opts.get('max', '50' if is_real else '1000'))
    d = delays(opts['n'], max_ms)
    dmax = max(d)

    def verify(end):
        global woken
        check('sleepers woken', woken, opts['n'])
        if not is_real:
            check('virtual time at the end (ms)', round(end * 1000), dmax)
        woken = 0

    fn = real if is_real else virtual
    if is_real:
        time_runs(opts, lambda n: fn(d), verify, subtract=dmax, metric='overhead')
    else:
        time_runs(opts, lambda n: fn(d), verify)
