/**
 * Regenerates the README's code and output blocks from the programs in docs/examples
 * (see readmeBlocks.ts), and the timeline screenshot docs/timeline.png, taken in
 * headless Chromium from the page the `timeline` program writes.
 *
 *   pnpm --filter @aio/trace readme
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../src/testing/chromium.testutil';
import { ARGS, blocksOf, codeOf, outputOf, PKG, README } from './readmeBlocks';

let text = readFileSync(README, 'utf8');
const blocks = blocksOf(text);
const outputs = new Map<string, string>();
for (const b of blocks) {
  if (b.kind === 'output' && !outputs.has(b.name)) outputs.set(b.name, await outputOf(b.name));
}
for (const b of [...blocks].reverse()) {
  const fresh = b.kind === 'code' ? codeOf(b.name) : (outputs.get(b.name) as string);
  text = text.slice(0, b.start) + fresh + text.slice(b.end);
}
writeFileSync(README, text);
console.log(`readme: ${blocks.length} blocks written`);

// The screenshot of the page the timeline program wrote.
if (!outputs.has('timeline')) await outputOf('timeline');
const browser = await launchChromium();
try {
  const page = await browser.newPage({
    viewport: { width: 1100, height: 250 },
    deviceScaleFactor: 2,
  });
  await page.goto(`file://${(ARGS.timeline as string[])[1]}`);
  await page.waitForSelector('svg[data-slices]');
  await page.screenshot({ path: join(PKG, 'docs', 'timeline.png') });
  console.log('readme: docs/timeline.png written');
} finally {
  await browser.close();
}
