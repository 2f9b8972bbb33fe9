/**
 * The site the showcase crawls: a small generated website, the same for the real
 * server and the simulated network.
 *
 * Everything about a page is decided here, from a seed: its links, how long the
 * server takes to answer, and its status on each attempt. The real server
 * (`server.ts`) and the virtual network (`network.ts`) only carry it out.
 *
 * @module
 */

/** How the server answers one request: after `delayMs`, with `status` and `body`; or never. */
export type Answer =
  | {
      readonly kind: 'answer';
      readonly delayMs: number;
      readonly status: number;
      readonly body: string;
    }
  | { readonly kind: 'never' };

/** One page of the site. */
export interface Page {
  readonly path: string;
  /** How long the server takes to answer, in ms. */
  readonly delayMs: number;
  /** The paths it links to. */
  readonly links: readonly string[];
  /** What goes wrong with it, if anything. */
  readonly trouble: 'none' | 'flaky' | 'broken' | 'slow' | 'never';
}

/** The generated site: its pages by path, and how to answer a request. */
export interface Site {
  readonly seed: number;
  readonly pages: ReadonlyMap<string, Page>;
  /**
   * The answer to the `attempt`-th request (1, 2, …) for `path`: a flaky page fails
   * its first request with a 500, a broken one always does, `/never` never answers,
   * a path that is not a page gets a 404.
   */
  answer(path: string, attempt: number): Answer;
}

/** The special pages, and the page that links to each (so each is found mid-crawl). */
const SPECIALS = [
  { path: '/never', from: '/page/2', trouble: 'never', delayMs: 0 },
  { path: '/slow', from: '/page/5', trouble: 'slow', delayMs: 450 },
  { path: '/broken', from: '/page/7', trouble: 'broken', delayMs: 60 },
] as const;

/** A link to a path that is not on the site (a 404), and the page that has it. */
const MISSING = { path: '/missing', from: '/page/9' } as const;

/** How many ordinary pages (`/page/1` … `/page/N`) the site has. */
const PAGE_COUNT = 24;
/** How many of them fail their first request with a 500. */
const FLAKY_COUNT = 3;

/**
 * A deterministic pseudo-random generator (mulberry32): numbers in [0, 1).
 *
 * @example
 * ```ts
 * const rnd = seededRandom(13);
 * rnd(); // the same first number for seed 13 every time
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates the site for `seed`: `/`, `/page/1` … `/page/24` (each linking to its
 * three children in a ternary tree, so every page is reachable, plus one random
 * page), three of them flaky, and `/never`, `/slow`, `/broken` and a link to
 * `/missing`.
 *
 * @throws TypeError if `seed` is not a non-negative integer.
 * @example
 * ```ts
 * const site = buildSite(13);
 * site.answer('/never', 1); // { kind: 'never' }
 * ```
 */
export function buildSite(seed: number): Site {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new TypeError(`buildSite(): seed must be a non-negative integer, got ${String(seed)}`);
  }
  const rnd = seededRandom(seed);
  const pick = (n: number): number => 1 + Math.floor(rnd() * n);
  const flaky = new Set<number>();
  while (flaky.size < FLAKY_COUNT) flaky.add(pick(PAGE_COUNT));

  const pages = new Map<string, Page>();
  const pagePath = (k: number): string => (k === 0 ? '/' : `/page/${k}`);
  for (let k = 0; k <= PAGE_COUNT; k++) {
    const links: string[] = [];
    for (let c = 3 * k + 1; c <= Math.min(3 * k + 3, PAGE_COUNT); c++) links.push(pagePath(c));
    links.push(pagePath(pick(PAGE_COUNT))); // a link back into the site: seen before, or soon
    const path = pagePath(k);
    for (const s of SPECIALS) if (s.from === path) links.push(s.path);
    if (MISSING.from === path) links.push(MISSING.path);
    pages.set(path, {
      path,
      delayMs: 30 + Math.floor(rnd() * 170),
      links,
      trouble: flaky.has(k) ? 'flaky' : 'none',
    });
  }
  for (const s of SPECIALS) {
    pages.set(s.path, { path: s.path, delayMs: s.delayMs, links: ['/'], trouble: s.trouble });
  }

  return {
    seed,
    pages,
    answer(path: string, attempt: number): Answer {
      const page = pages.get(path);
      if (page === undefined) {
        return { kind: 'answer', delayMs: 20, status: 404, body: `<h1>404</h1><p>${path}</p>` };
      }
      if (page.trouble === 'never') return { kind: 'never' };
      const fails = page.trouble === 'broken' || (page.trouble === 'flaky' && attempt === 1);
      return {
        kind: 'answer',
        delayMs: page.delayMs,
        status: fails ? 500 : 200,
        body: fails ? '<h1>500 Internal Server Error</h1>' : renderPage(page),
      };
    },
  };
}

function renderPage(page: Page): string {
  const items = page.links.map((l) => `<li><a href="${l}">${l}</a></li>`).join('');
  return `<!doctype html><title>${page.path}</title><h1>${page.path}</h1><ul>${items}</ul>`;
}

/**
 * The links of an HTML page: every `href="/…"` (site-relative links only).
 *
 * @example
 * ```ts
 * linksOf('<a href="/page/1">one</a>'); // ['/page/1']
 * ```
 */
export function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/href="(\/[^"]*)"/g)) out.push(m[1]!);
  return out;
}
