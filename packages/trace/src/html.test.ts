import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Coro, createTask, currentTask, run, sleep } from '@aio/core';
import { TestClock } from '@aio/test-utils';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Recorder, recordTrace } from './index';
import { launchChromium } from './testing/chromium.testutil';
import { recordLockDemo } from './testing/programs.testutil';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

describe('toHtml: the page', () => {
  it('is one self-contained file: no URL to fetch, a policy that forbids the network', async () => {
    const html = (await recordLockDemo()).toHtml({ title: 'lock demo' });
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
    );
    expect(html).not.toMatch(/\s(src|href)=/);
    // The only URL is the SVG namespace, which names and fetches nothing.
    expect(html.match(/https?:\/\/[^\s"']+/g)).toEqual(['http://www.w3.org/2000/svg']);
    expect(html).toContain('<title>lock demo</title>');
  });

  it('escapes what the program named, so a task name cannot close the script or inject markup', async () => {
    let rec: Recorder | undefined;
    await run(
      (function* (): Coro<void> {
        rec = recordTrace();
        yield* createTask(sleep(1), { name: '</script><img src=x onerror=alert(1)>' });
      })(),
      { clock: new TestClock() },
    );
    const html = (rec as Recorder).toHtml({ title: '<b>t</b>' });
    expect(html).not.toContain('</script><img');
    expect(html).toContain('<title>&#60;b&#62;t&#60;/b&#62;</title>');
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the data's and the viewer's
  });

  it('rejects bad options with errors that say what was wrong', async () => {
    const rec = await recordLockDemo();
    expect(() => rec.toHtml({ axis: 'sideways' as never })).toThrow(
      "toHtml(): axis must be 'time', 'order' or 'auto', got 'sideways'",
    );
    expect(() => rec.toHtml({ title: 3 as never })).toThrow(
      'toHtml(): title must be a string, got 3',
    );
  });
});

describe('toHtml in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('draws the tracks, steps, arrows and cancel mark of a known program, offline, and zooms', async () => {
    const rec = await recordLockDemo();
    const html = rec.toHtml({ title: 'lock demo' });
    const steps = rec.toChromeTrace().traceEvents.filter((e) => e.ph === 'X').length;
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = `${ARTIFACTS}lock-demo.html`;
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1100, height: 320 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(`file://${file}`);
    await page.waitForSelector('svg[data-slices]', { timeout: 10_000 });
    const state = () =>
      page.evaluate(() => {
        const svg = document.getElementById('timeline') as unknown as SVGSVGElement;
        return {
          axis: svg.dataset.axis,
          tracks: svg.dataset.tracks,
          flows: svg.dataset.flows,
          labels: Array.from(svg.querySelectorAll('.track-label')).map((t) => t.textContent),
          spawn: svg.querySelectorAll('.flow-spawn').length,
          wake: svg.querySelectorAll('.flow-wake').length,
          slices: svg.querySelectorAll('.slice').length,
          instants: svg.querySelectorAll('.instant').length,
        };
      });
    const fitted = await state();
    expect(fitted).toMatchObject({
      axis: 'order', // a virtual-clock run: its steps take no loop time
      tracks: '5',
      labels: ['event loop', 'main #1', 'writer #2', 'reader #3', 'sleeper #4'],
      spawn: 3,
      wake: 5,
      flows: '8',
      slices: steps,
      instants: 1,
    });
    await page.screenshot({ path: `${ARTIFACTS}lock-demo.png` });

    // Hovering a step shows its details.
    const box = await page.locator('.slice').nth(5).boundingBox();
    await page.mouse.move((box?.x ?? 0) + 2, (box?.y ?? 0) + 4);
    expect(await page.locator('#tip').textContent()).toMatch(/step: \d/);

    // Zooming in shows fewer steps; fit brings them all back; the axis button switches.
    for (let i = 0; i < 4; i++) await page.click('#zoom-in');
    expect((await state()).slices).toBeLessThan(steps);
    await page.click('#fit');
    expect((await state()).slices).toBe(steps);
    await page.click('#axis');
    expect((await state()).axis).toBe('time');

    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);

  it('stays usable with 2 000 tasks: only what is in view is drawn', async () => {
    let rec: Recorder | undefined;
    await run(
      (function* (): Coro<void> {
        currentTask()?.setName('main');
        rec = recordTrace();
        const tasks = [];
        for (let i = 0; i < 2000; i++) tasks.push(createTask(sleep(i % 50), { name: `w${i}` }));
        for (const t of tasks) yield* t;
      })(),
      { clock: new TestClock() },
    );
    const trace = (rec as Recorder).toChromeTrace();
    const tracks = trace.traceEvents.filter((e) => e.name === 'thread_name').length;
    expect(tracks).toBeGreaterThanOrEqual(2002); // + the tasks run() makes to shut down
    const page = await browser.newPage({ viewport: { width: 1000, height: 400 } });
    await page.setContent((rec as Recorder).toHtml());
    await page.waitForSelector('svg[data-slices]', { timeout: 10_000 });
    const drawn = await page.evaluate(() => ({
      labels: document.querySelectorAll('.track-label').length,
      tracks: (document.getElementById('timeline') as unknown as SVGSVGElement).dataset.tracks,
    }));
    expect(drawn.tracks).toBe(String(tracks));
    expect(drawn.labels).toBeLessThan(40);
    // Scrolling down draws the rows that come into view.
    await page.evaluate(() => {
      const view = document.getElementById('view') as HTMLDivElement;
      view.scrollTop = 24 * 1500;
      view.dispatchEvent(new Event('scroll'));
    });
    const labels = await page.$$eval('.track-label', (ts) => ts.map((t) => t.textContent));
    expect(labels).toContain('w1500 #1502');
    await page.close();
  }, 60_000);
});
