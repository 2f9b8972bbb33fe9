import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { runShowcase } from './runShowcase';

// The Chromium of the machine (Debian's package); CHROMIUM_PATH overrides it.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const outDir = mkdtempSync(path.join(tmpdir(), 'aio-showcase-timeline-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the HTML timeline the showcase writes', () => {
  it('opens in headless Chromium without errors or network, and draws a row per task', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
      );
    }
    const result = await runShowcase({ clock: 'virtual', write: () => {}, tty: false, outDir });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
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
      const timeline = page.locator('#timeline');
      await expect.poll(() => timeline.getAttribute('data-rendered')).not.toBeNull();

      const rows = await page
        .locator('[data-track]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-track')));
      expect(Number(await timeline.getAttribute('data-rendered'))).toBe(rows.length);
      expect(rows[0]).toBe('main');
      expect(rows).toEqual(
        expect.arrayContaining(['worker-1', 'rxjs: crawl events', 'GET /never #1']),
      );
      // Steps and waits drawn as bars, the wake-ups as arrows, the three timeouts' cancels.
      expect(await page.locator('rect.wait').count()).toBeGreaterThan(rows.length);
      expect(await page.locator('path.flow').count()).toBeGreaterThan(rows.length);
      expect(await page.locator('rect.cancel').count()).toBeGreaterThanOrEqual(3);
      const neverBar = page.locator('rect.wait title', { hasText: /^GET \/never #1: future/ });
      await expect.poll(() => neverBar.textContent()).toMatch(/for 800\.000 ms$/);

      expect(problems).toEqual([]);
      expect(requests).toEqual([url]); // self-contained: nothing else was fetched
    } finally {
      await browser.close();
    }
  }, 60_000);
});
