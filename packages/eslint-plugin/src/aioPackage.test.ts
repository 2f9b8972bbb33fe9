import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isAioCoreFile } from './aioPackage';

const root = mkdtempSync(join(tmpdir(), 'aio-eslint-package-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe('isAioCoreFile', () => {
  it('recognises installed copies by their node_modules path (npm, pnpm, Windows separators)', () => {
    expect(isAioCoreFile('/app/node_modules/@aio/core/dist/index.d.ts')).toBe(true);
    expect(
      isAioCoreFile(
        '/app/node_modules/.pnpm/@aio+core@0.1.0/node_modules/@aio/core/dist/index.d.cts',
      ),
    ).toBe(true);
    expect(isAioCoreFile('C:\\app\\node_modules\\@aio\\core\\dist\\index.d.ts')).toBe(true);
  });

  it('rejects other installed packages, including ones whose names start the same', () => {
    expect(isAioCoreFile('/app/node_modules/@aio/timers/dist/index.d.ts')).toBe(false);
    expect(isAioCoreFile('/app/node_modules/@aio/core-extras/index.d.ts')).toBe(false);
    expect(isAioCoreFile('/app/node_modules/typescript/lib/lib.es2022.d.ts')).toBe(false);
  });

  it('recognises a source file by the name in the nearest named package.json', () => {
    write('ws/core/package.json', JSON.stringify({ name: '@aio/core' }));
    const source = write('ws/core/src/future.ts', '');
    write('ws/app/package.json', JSON.stringify({ name: 'app' }));
    const app = write('ws/app/src/main.ts', '');
    expect(isAioCoreFile(source)).toBe(true);
    expect(isAioCoreFile(app)).toBe(false);
  });

  it('walks past a package.json without a name (or an unreadable one) to the package above', () => {
    write('ws2/core/package.json', JSON.stringify({ name: '@aio/core' }));
    write('ws2/core/dist/package.json', JSON.stringify({ type: 'commonjs' }));
    write('ws2/core/broken/package.json', '{ not json');
    expect(isAioCoreFile(write('ws2/core/dist/index.d.ts', ''))).toBe(true);
    expect(isAioCoreFile(write('ws2/core/broken/index.d.ts', ''))).toBe(true);
  });

  it('answers false for a file with no package.json above it', () => {
    expect(isAioCoreFile(write('loose/deeper/file.ts', ''))).toBe(false);
  });

  it("recognises this workspace's own @aio/core sources and nothing else", () => {
    const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));
    expect(isAioCoreFile(at('../../core/src/types.ts'))).toBe(true);
    expect(isAioCoreFile(at('./index.ts'))).toBe(false);
  });
});
