# A task cancelled before its first step never runs any of its body, not even
# up to its first await; awaiting it raises CancelledError with the message.
import asyncio
from compare_lib import fmt


async def child(log):
    log('child body runs')
    try:
        await asyncio.sleep(1)
    finally:
        log('child finally')


async def main(log):
    task = asyncio.create_task(child(log))
    log('cancel', str(task.cancel('early')))
    log('cancelling', str(task.cancelling()))
    try:
        await task
    except asyncio.CancelledError as e:
        log('await raised', fmt(e))
    log('cancelled', str(task.cancelled()), 'cancel again', str(task.cancel()))
    return None
