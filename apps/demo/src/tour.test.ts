import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NOTE_PREFIX, runTour } from './tour/runTour';

// The seed programs' CPython output, kept with core's seed test (seed_cpython.py prints it).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const expectedPath = path.resolve(repoRoot, 'packages/core/test/seed/expected-cpython.txt');

function readExpected(): string[] {
  return readFileSync(expectedPath, 'utf8').replace(/\n$/, '').split('\n');
}

async function tourLines(randint?: (lo: number, hi: number) => number): Promise<string[]> {
  const out: string[] = [];
  await runTour({ write: (s) => out.push(s), ...(randint && { randint }) });
  return out;
}

const RANDOM_LINE = /^\[ 0\.0s\] \[(\d+), \1, \1, \1\] True$/;

describe('the seed tour on a VirtualClock', () => {
  it("prints CPython's output line for line, with the random draw injected", async () => {
    const expected = readExpected();
    // The one random value of the seed (4.3: randint(0, 100)) is taken from the file.
    const drawn = expected.map((l) => RANDOM_LINE.exec(l)).find((m) => m !== null);
    expect(drawn).toBeDefined();
    const value = Number(drawn![1]);
    const draws: Array<[number, number]> = [];
    const lines = await tourLines((lo, hi) => {
      draws.push([lo, hi]);
      return value;
    });
    expect(lines.filter((l) => !l.startsWith(NOTE_PREFIX))).toEqual(expected);
    expect(draws).toEqual([[0, 100]]);
  });

  it('prints the same lines with a real random draw, four equal values', async () => {
    const expected = readExpected();
    const lines = (await tourLines()).filter((l) => !l.startsWith(NOTE_PREFIX));
    expect(lines).toHaveLength(expected.length);
    lines.forEach((l, i) => {
      if (RANDOM_LINE.test(expected[i]!)) {
        expect(l).toMatch(RANDOM_LINE);
        expect(Number(RANDOM_LINE.exec(l)![1])).toBeLessThanOrEqual(100);
      } else {
        expect(l).toBe(expected[i]);
      }
    });
  });

  it('adds one note line at the end of each program whose article claim CPython contradicts', async () => {
    const lines = await tourLines(() => 42);
    const noted: string[] = [];
    let program = '';
    lines.forEach((l, i) => {
      if (l.startsWith('== ')) program = l.slice(3);
      if (!l.startsWith(NOTE_PREFIX)) return;
      noted.push(program);
      const next = lines[i + 1];
      expect(next === undefined || next.startsWith('== ')).toBe(true);
      expect(l.length).toBeLessThan(200);
    });
    expect(noted).toEqual([
      '2.2b await',
      '3.3 concurrent',
      '3.4d (seed claim check) task with await, never awaited',
      '4.2a callbacks',
      '4.2b callback spawns task',
    ]);
  });

  it('leaves the notes out on request', async () => {
    const out: string[] = [];
    await runTour({ write: (s) => out.push(s), notes: false, randint: () => 1 });
    expect(out.some((l) => l.startsWith(NOTE_PREFIX))).toBe(false);
    expect(out).toHaveLength(readExpected().length);
  });
});
