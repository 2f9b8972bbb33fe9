# join() waits until task_done() was called once per item put; calling
# task_done() more often than that raises (ValueError in asyncio, RangeError in aio).
import asyncio


async def worker(log, q, name):
    while True:
        item = await q.get()
        await asyncio.sleep(item / 1000)
        log(name, 'processed', item)
        q.task_done()


async def main(log):
    q = asyncio.Queue()
    await q.join()
    log('join on a fresh queue returns at once')
    for item in [30, 10, 20, 10]:
        q.put_nowait(item)
    workers = [asyncio.create_task(worker(log, q, n)) for n in ['w1', 'w2']]
    await q.join()
    log('all processed')
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    try:
        q.task_done()
    except ValueError:
        log('task_done too many times refused')
