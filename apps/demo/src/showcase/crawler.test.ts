import {
  type Coro,
  createTask,
  currentTask,
  getRunningLoop,
  Queue,
  QueueShutDown,
  run,
  sleep,
} from '@aio/core';
import { VirtualClock } from '@aio/timers';
import { describe, expect, it } from 'vitest';
import { type AttemptEvent, type CrawlConfig, crawl, DEFAULT_CRAWL } from './crawler';
import { type FetchResult, type Fetcher, simulatedNetwork } from './network';
import { buildSite } from './site';

const page = (...links: string[]): string => links.map((l) => `<a href="${l}">`).join('');

/** A fetcher from a table: path → [delay, status, body]; records each call with its time. */
function scripted(table: Record<string, [number, number, string]>, log: string[] = []): Fetcher {
  return {
    origin: 'test://',
    *get(path: string): Coro<FetchResult> {
      const loop = getRunningLoop();
      log.push(`${loop.time()} get ${path}`);
      const [delay, status, body] = table[path] ?? [1, 404, ''];
      try {
        yield* sleep(delay);
      } finally {
        log.push(`${loop.time()} end ${path}`);
      }
      return { status, body };
    },
  };
}

function drain(q: Queue<AttemptEvent>): AttemptEvent[] {
  const out: AttemptEvent[] = [];
  for (;;) {
    try {
      out.push(q.getNowait());
    } catch (e) {
      if (e instanceof QueueShutDown) return out;
      throw e;
    }
  }
}

async function crawlWith(
  fetcher: Fetcher,
  cfg: Partial<CrawlConfig> = {},
): Promise<AttemptEvent[]> {
  const events = new Queue<AttemptEvent>();
  await run(crawl(fetcher, events, { ...DEFAULT_CRAWL, ...cfg }), { clock: new VirtualClock() });
  return drain(events);
}

const brief = (e: AttemptEvent): string =>
  `${e.at} ${e.path} #${e.attempt} ${e.outcome}${e.final ? ' final' : ''}`;

describe('the crawler', () => {
  it('follows every link once, from /', async () => {
    const log: string[] = [];
    const events = await crawlWith(
      scripted(
        {
          '/': [10, 200, page('/a', '/b')],
          '/a': [10, 200, page('/', '/b', '/c')],
          '/b': [10, 200, page('/a')],
          '/c': [10, 200, ''],
        },
        log,
      ),
    );
    expect(events.map(brief)).toEqual([
      '10 / #1 ok final',
      '20 /a #1 ok final',
      '20 /b #1 ok final',
      '30 /c #1 ok final',
    ]);
    expect(events.map((e) => e.found)).toEqual([3, 4, 4, 4]);
    expect(log.filter((l) => l.includes(' get '))).toHaveLength(4);
  });

  it('retries a 500 after a backoff that doubles, and gives up after the last attempt', async () => {
    const log: string[] = [];
    const events = await crawlWith(scripted({ '/': [10, 500, ''] }, log), { maxAttempts: 3 });
    expect(events.map(brief)).toEqual([
      '10 / #1 http 500',
      '120 / #2 http 500',
      '330 / #3 http 500 final',
    ]);
    expect(log.filter((l) => l.includes(' get '))).toEqual(['0 get /', '110 get /', '320 get /']);
  });

  it('does not retry a 404', async () => {
    const events = await crawlWith(scripted({ '/': [10, 200, page('/gone')] }));
    expect(events.map(brief)).toEqual(['10 / #1 ok final', '11 /gone #1 http 404 final']);
  });

  it('cancels a request that outlives its timeout (its finally runs then) and retries it', async () => {
    const log: string[] = [];
    const events = await crawlWith(scripted({ '/': [1000, 200, ''] }, log), {
      timeoutMs: 300,
      maxAttempts: 2,
    });
    expect(events.map(brief)).toEqual(['300 / #1 timeout', '700 / #2 timeout final']);
    expect(events.map((e) => e.ms)).toEqual([300, 300]);
    expect(log).toEqual(['0 get /', '300 end /', '400 get /', '700 end /']);
  });

  it('runs each request in a task named after it', async () => {
    const names: string[] = [];
    const fetcher: Fetcher = {
      origin: 'test://',
      *get(path) {
        names.push(currentTask()?.getName() ?? '(no task)');
        yield* sleep(1);
        return { status: 200, body: path === '/' ? page('/x') : '' };
      },
    };
    await crawlWith(fetcher);
    expect(names).toEqual(['GET / (try 1)', 'GET /x (try 1)']);
  });

  it('never has more requests open than it has connections', async () => {
    let open = 0;
    let most = 0;
    const links = Array.from({ length: 20 }, (_, i) => `/p${i}`);
    const fetcher: Fetcher = {
      origin: 'test://',
      *get(path) {
        open++;
        most = Math.max(most, open);
        try {
          yield* sleep(10);
        } finally {
          open--;
        }
        return { status: 200, body: path === '/' ? page(...links) : '' };
      },
    };
    const events = await crawlWith(fetcher, { workers: 6, connections: 3 });
    expect(events).toHaveLength(21);
    expect(most).toBe(3);
  });

  it('crawls the generated site: every page done once, the same events every run', async () => {
    const once = async () => crawlWith(simulatedNetwork(buildSite(13)).fetcher);
    const events = await once();
    const finals = events.filter((e) => e.final).map((e) => e.path);
    expect(new Set(finals).size).toBe(finals.length);
    expect(finals).toHaveLength(buildSite(13).pages.size + 1); // + /missing
    expect((await once()).map(brief)).toEqual(events.map(brief));
  });

  it('when cancelled, cancels its requests, reports them as cancelled and shuts the events down', async () => {
    const log: string[] = [];
    const events = new Queue<AttemptEvent>();
    const fetcher = scripted(
      { '/': [10, 200, page('/a', '/b')], '/a': [500, 200, ''], '/b': [500, 200, ''] },
      log,
    );
    function* main(): Coro<string> {
      const task = createTask(crawl(fetcher, events));
      yield* sleep(100);
      task.cancel();
      try {
        yield* task;
      } catch (e) {
        return (e as Error).name;
      }
      return 'not cancelled';
    }
    expect(await run(main(), { clock: new VirtualClock() })).toBe('CancelledError');
    expect(drain(events).map(brief)).toEqual([
      '10 / #1 ok final',
      '100 /a #1 cancelled final',
      '100 /b #1 cancelled final',
    ]);
    expect(log.filter((l) => l.includes(' end '))).toEqual([
      '10 end /',
      '100 end /a',
      '100 end /b',
    ]);
  });

  it('rejects a setting that is not a positive integer', async () => {
    const events = new Queue<AttemptEvent>();
    await expect(
      run(crawl(scripted({}), events, { ...DEFAULT_CRAWL, connections: 0 })),
    ).rejects.toThrow(new RangeError('crawl(): connections must be a positive integer, got 0'));
  });
});
