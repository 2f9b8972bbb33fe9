import { describe, expect, it, vi } from 'vitest';
import { STRAY_REPORT, StrayReportGuard } from './strayReports';

describe('STRAY_REPORT', () => {
  it("matches aio's lost-error reports and nothing else", () => {
    expect(STRAY_REPORT.test('Task exception was never retrieved')).toBe(true);
    expect(STRAY_REPORT.test('Future exception was never retrieved')).toBe(true);
    expect(STRAY_REPORT.test('unhandled exception during run() shutdown')).toBe(true);
    expect(STRAY_REPORT.test('Exception in callback f()')).toBe(false);
  });
});

describe('StrayReportGuard', () => {
  it('throws at the next check with the text of each stray report, once', () => {
    const sink = vi.fn();
    const saved = console.error;
    console.error = sink;
    const guard = new StrayReportGuard().install();
    try {
      console.error('Task exception was never retrieved', new TypeError('boom'));
      console.error('an unrelated message');
      expect(() => guard.check('during this test')).toThrow(
        '1 stray aio error report(s) during this test',
      );
      expect(() => guard.check('again')).not.toThrow();
    } finally {
      guard.uninstall();
      console.error = saved;
    }
    // The output still went through, both lines.
    expect(sink).toHaveBeenCalledTimes(2);
  });

  it('passes when nothing was reported, and uninstall restores console.error', () => {
    const saved = console.error;
    const guard = new StrayReportGuard().install();
    expect(console.error).not.toBe(saved);
    guard.check('quiet');
    guard.uninstall();
    expect(console.error).toBe(saved);
  });
});
