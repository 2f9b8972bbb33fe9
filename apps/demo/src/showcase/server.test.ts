import { afterEach, describe, expect, it } from 'vitest';
import { type SiteServer, startSiteServer } from './server';
import { buildSite, linksOf } from './site';

let server: SiteServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('the site server', () => {
  it('listens on 127.0.0.1 on a random port and serves the site', async () => {
    server = await startSiteServer(buildSite(13));
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(linksOf(await res.text())).toEqual(buildSite(13).pages.get('/')!.links);
    const missing = await fetch(`${server.origin}/missing`);
    expect(missing.status).toBe(404);
    await missing.text();
  });

  it('answers a flaky page with a 500 first, then with the page', async () => {
    const site = buildSite(13);
    const flaky = [...site.pages.values()].find((p) => p.trouble === 'flaky')!.path;
    server = await startSiteServer(site);
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.origin}${flaky}`);
      statuses.push(res.status);
      await res.text();
    }
    expect(statuses).toEqual([500, 200]);
  });

  it('counts a request the client aborts, and its stop() waits until the counts are final', async () => {
    server = await startSiteServer(buildSite(13));
    const ok = await fetch(`${server.origin}/page/1`);
    await ok.text();
    const controller = new AbortController();
    const never = fetch(`${server.origin}/never`, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.stats).toEqual({ requests: 2, answered: 1, aborted: 0 });
    controller.abort();
    await expect(never).rejects.toThrow(/abort/i);
    await server.stop();
    expect(server.stats).toEqual({ requests: 2, answered: 1, aborted: 1 });
  });

  it('closes the connection of a request still open when stop() gives up waiting', async () => {
    server = await startSiteServer(buildSite(13));
    const never = fetch(`${server.origin}/never`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const t0 = performance.now();
    await server.stop();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(900); // the 1 s grace period
    expect(await never).toBe('failed');
    expect(server.stats).toEqual({ requests: 1, answered: 0, aborted: 1 });
  });
});
