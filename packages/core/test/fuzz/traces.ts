/**
 * Comparing two traces: equality, a readable line diff, and a signature that
 * groups divergences of the same kind.
 *
 * @module
 */

/** Whether two traces are equal line for line. */
export function sameTrace(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The index of the first line where the traces differ, or -1. */
export function firstDifference(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/**
 * A line diff (longest common subsequence) of `expected` (CPython) against
 * `actual` (aio): `  ` common, `- ` only in CPython's trace, `+ ` only in aio's.
 * Traces are short (hundreds of lines), so the quadratic table is fine.
 */
export function diffTraces(expected: readonly string[], actual: readonly string[]): string[] {
  const n = expected.length;
  const m = actual.length;
  // lcs[i][j]: LCS length of expected[i..] and actual[j..], row by row.
  const lcs: Uint16Array[] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i]!;
    const below = lcs[i + 1]!;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = expected[i] === actual[j] ? below[j + 1]! + 1 : Math.max(below[j]!, row[j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (expected[i] === actual[j]) {
      out.push(`  ${expected[i++]}`);
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push(`- ${expected[i++]}`);
    } else {
      out.push(`+ ${actual[j++]}`);
    }
  }
  while (i < n) out.push(`- ${expected[i++]}`);
  while (j < m) out.push(`+ ${actual[j++]}`);
  return out;
}

/**
 * A short description of how the traces first differ, with times, names and
 * numbers blurred, so that divergences of the same kind share it.
 */
export function divergenceSignature(python: readonly string[], aio: readonly string[]): string {
  const i = firstDifference(python, aio);
  if (i < 0) return 'same';
  const blur = (line: string | undefined): string =>
    line === undefined
      ? '(end)'
      : line
          .replace(/^\d+ /, '')
          .replace(/\b(t|c|cb|f|e|l|s|k|q|v)\d+\b/g, '$1#')
          .replace(/\b\d+\b/g, '#')
          .replace(/'[^']*'/g, "'…'");
  return `CPython: ${blur(python[i])} | aio: ${blur(aio[i])}`;
}
