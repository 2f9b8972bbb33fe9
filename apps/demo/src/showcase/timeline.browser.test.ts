import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { runShowcase } from './runShowcase';

// The Chromium of the machine (Debian's package); AIO_CHROMIUM overrides it (as in @aio/trace).
const CHROMIUM = process.env.AIO_CHROMIUM ?? '/usr/bin/chromium';
const outDir = mkdtempSync(path.join(tmpdir(), 'aio-showcase-timeline-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the HTML timeline the showcase writes', () => {
  it('opens in headless Chromium without errors or network, and draws a row per task', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set AIO_CHROMIUM`,
      );
    }
    const result = await runShowcase({ clock: 'virtual', write: () => {}, tty: false, outDir });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      // Tall enough that every track of the run is in view (the viewer draws only those).
      const page = await browser.newPage({ viewport: { width: 1200, height: 2400 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning')
          problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(result.files!.html).href;
      await page.goto(url);
      await page.waitForSelector('svg[data-slices]', { timeout: 10_000 });
      const drawn = await page.evaluate(() => {
        const svg = document.getElementById('timeline') as unknown as SVGSVGElement;
        const all = (sel: string): string[] =>
          Array.from(svg.querySelectorAll(sel)).map((e) => e.getAttribute('data-tip') ?? '');
        return {
          axis: svg.dataset.axis,
          tracks: Number(svg.dataset.tracks),
          labels: Array.from(svg.querySelectorAll('.track-label')).map((t) => t.textContent ?? ''),
          slices: all('.slice').length,
          wakes: all('.flow-wake').length,
          spawns: all('.flow-spawn').length,
          cancels: all('.instant').filter((t) => t.startsWith('cancel requested')),
        };
      });
      // A virtual-clock run: its steps take no loop time, so the page opens on the order axis.
      expect(drawn.axis).toBe('order');
      expect(drawn.labels).toHaveLength(drawn.tracks);
      expect(drawn.labels.slice(0, 2)).toEqual(['event loop', 'main #1']);
      expect(drawn.labels.map((l) => l.replace(/ #\d+$/, ''))).toEqual(
        expect.arrayContaining(['worker-1', 'rxjs: crawl events', 'GET /never (try 1)']),
      );
      // Steps as bars, the wake-ups and task creations as arrows, the three timeouts' cancels.
      expect(drawn.slices).toBeGreaterThan(drawn.tracks);
      expect(drawn.wakes).toBeGreaterThan(drawn.tracks);
      expect(drawn.spawns).toBeGreaterThan(30);
      expect(drawn.cancels.length).toBeGreaterThanOrEqual(3);

      expect(problems).toEqual([]);
      expect(requests).toEqual([url]); // self-contained: nothing else was fetched
    } finally {
      await browser.close();
    }
  }, 60_000);
});
