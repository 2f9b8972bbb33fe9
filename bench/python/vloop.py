"""A virtual-time asyncio loop for the W4 benchmark (CPython 3.11+).

Time starts at 0 and moves only when the loop would block: the selector jumps the
loop's clock to the earliest timer instead of waiting. Everything else is
CPython's own ``SelectorEventLoop``, so the cost measured is asyncio's own
scheduling (ready queue, timer heap, task steps). No iteration limit: W4 runs up
to a million timers.
"""

import asyncio
import selectors


class _JumpSelector(selectors.SelectSelector):
    def __init__(self):
        super().__init__()
        self.loop = None

    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError('deadlock: every task waits and no timer is scheduled')
        if timeout > 0:
            loop = self.loop
            scheduled = loop._scheduled
            target = scheduled[0]._when if scheduled else loop._vtime + timeout
            if target > loop._vtime:
                loop._vtime = target
        return []


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """``time()`` is virtual seconds from 0; idle waits jump instead of sleeping."""

    def __init__(self):
        selector = _JumpSelector()
        self._vtime = 0.0
        super().__init__(selector)
        selector.loop = self
        self._clock_resolution = 1e-9

    def time(self):
        return self._vtime
