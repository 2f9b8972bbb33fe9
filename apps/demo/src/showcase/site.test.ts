import { describe, expect, it } from 'vitest';
import { buildSite, linksOf, seededRandom } from './site';

describe('the generated site', () => {
  it('is the same for the same seed, and different for another', () => {
    const a = buildSite(13);
    const b = buildSite(13);
    expect([...a.pages.values()]).toEqual([...b.pages.values()]);
    const c = buildSite(14);
    expect([...c.pages.values()].map((p) => p.delayMs)).not.toEqual(
      [...a.pages.values()].map((p) => p.delayMs),
    );
  });

  it('reaches every page from / by following links', () => {
    const site = buildSite(13);
    const seen = new Set(['/']);
    const todo = ['/'];
    while (todo.length > 0) {
      const page = site.pages.get(todo.pop()!);
      for (const link of page?.links ?? []) {
        if (!seen.has(link)) {
          seen.add(link);
          todo.push(link);
        }
      }
    }
    for (const path of site.pages.keys()) expect(seen).toContain(path);
    expect(seen).toContain('/missing'); // linked, but not a page
    expect(site.pages.has('/missing')).toBe(false);
  });

  it('answers a flaky page with a 500 once, then with the page', () => {
    const site = buildSite(13);
    const flaky = [...site.pages.values()].filter((p) => p.trouble === 'flaky');
    expect(flaky).toHaveLength(3);
    const path = flaky[0]!.path;
    expect(site.answer(path, 1)).toMatchObject({ kind: 'answer', status: 500 });
    const second = site.answer(path, 2);
    expect(second).toMatchObject({ kind: 'answer', status: 200 });
    if (second.kind === 'answer') expect(linksOf(second.body)).toEqual(site.pages.get(path)!.links);
  });

  it('answers /broken with a 500 every time, /never never, /slow slowly, /missing with a 404', () => {
    const site = buildSite(13);
    for (const attempt of [1, 2, 3]) {
      expect(site.answer('/broken', attempt)).toMatchObject({ kind: 'answer', status: 500 });
      expect(site.answer('/never', attempt)).toEqual({ kind: 'never' });
    }
    expect(site.answer('/slow', 1)).toMatchObject({ kind: 'answer', status: 200, delayMs: 450 });
    expect(site.answer('/missing', 1)).toMatchObject({ kind: 'answer', status: 404 });
  });

  it('rejects a seed that is not a non-negative integer', () => {
    expect(() => buildSite(-1)).toThrow('buildSite(): seed must be a non-negative integer, got -1');
    expect(() => buildSite(1.5)).toThrow(TypeError);
  });
});

describe('seededRandom', () => {
  it('gives the same numbers in [0, 1) for the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('linksOf', () => {
  it('finds site-relative links only', () => {
    expect(linksOf('<a href="/a">a</a> <a href="https://x.org/">x</a><a href="/b/c">')).toEqual([
      '/a',
      '/b/c',
    ]);
  });
});
