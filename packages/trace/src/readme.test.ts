/**
 * The README's code and output blocks are still true: each code block is its program in
 * docs/examples, and each output block is what that program prints now (run with Node,
 * as `pnpm --filter @aio/trace readme` ran it to write the block).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksOf, codeOf, normalize, outputOf, PKG, README } from '../scripts/readmeBlocks';

const blocks = blocksOf(readFileSync(README, 'utf8'));

describe('README', () => {
  it('shows a call graph, a ps table, a tree with a cycle, a timeline, OTel spans and a hang', () => {
    const outputs = blocks.filter((b) => b.kind === 'output').map((b) => b.name);
    expect(outputs).toEqual([
      'call-graph',
      'ps',
      'deadlock',
      'timeline',
      'otel',
      'hang',
      'hang-signal',
    ]);
    expect(blocks.find((b) => b.name === 'deadlock' && b.kind === 'output')?.content).toMatch(
      /^cycle: /,
    );
    expect(existsSync(join(PKG, 'docs', 'timeline.png'))).toBe(true);
  });

  for (const b of blocks.filter((x) => x.kind === 'code')) {
    it(`shows the program docs/examples/${b.name}.ts as it is`, () => {
      expect(b.content).toBe(codeOf(b.name));
    });
  }

  for (const b of blocks.filter((x) => x.kind === 'output')) {
    it(`shows what docs/examples/${b.name}.ts prints`, async () => {
      const now = await outputOf(b.name);
      expect(normalize(b.name, now)).toBe(normalize(b.name, b.content));
    }, 40_000);
  }
});
