import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin, { configs, rules } from './index';
import { docsUrl } from './createRule';
import { fixturesDir } from './ruleTester.testutil';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const ruleNames = Object.keys(rules);

describe('the plugin object', () => {
  it('exports the five rules, each with a description, messages and its docs page URL', () => {
    expect(ruleNames.sort()).toEqual([
      'no-await-coroutine',
      'no-floating-coroutine',
      'no-swallowed-cancellation',
      'no-yield-future',
      'require-task-retrieval',
    ]);
    for (const [name, rule] of Object.entries(rules)) {
      const docs = rule.meta?.docs as { url?: string; description?: string } & Record<
        string,
        unknown
      >;
      expect(docs.url).toBe(docsUrl(name));
      expect(docs.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
      expect(docs.description?.length).toBeGreaterThan(20);
      expect(docs.requiresTypeChecking).toBe(true);
    }
  });

  it('has a docs page for every rule, with wrong and right examples', () => {
    for (const name of ruleNames) {
      const page = `${packageDir}docs/rules/${name}.md`;
      expect(existsSync(page), page).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text).toContain(`# @aio/${name}`);
      expect(text).toMatch(/## Wrong/);
      expect(text).toMatch(/## Right/);
    }
  });

  it('lists every rule in the README table', () => {
    const readme = readFileSync(`${packageDir}README.md`, 'utf8');
    for (const name of ruleNames) expect(readme).toContain(`[\`${name}\`](docs/rules/${name}.md)`);
  });

  it('turns on every rule but require-task-retrieval in configs.recommended, all in configs.all', () => {
    expect(configs.recommended.plugins?.['@aio']).toBe(plugin);
    expect(configs.recommended.rules).toEqual({
      '@aio/no-floating-coroutine': 'error',
      '@aio/no-await-coroutine': 'error',
      '@aio/no-yield-future': 'error',
      '@aio/no-swallowed-cancellation': 'error',
      '@aio/require-task-retrieval': 'off',
    });
    expect(Object.values(configs.all.rules ?? {})).toEqual(ruleNames.map(() => 'error'));
  });
});

describe('configs.recommended under ESLint with the project service', () => {
  const eslint = new ESLint({
    cwd: fixturesDir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { projectService: true, tsconfigRootDir: fixturesDir },
        },
      },
      plugin.configs.recommended,
    ],
  });

  it('reports each recommended rule once in a file that makes every mistake', async () => {
    const code = `import { type Coro, createTask, sleep } from '@aio/core';
function* main(): Coro<void> {
  sleep(1);
  createTask(sleep(2));
  try {
    yield sleep(3);
  } catch {}
}
async function later() {
  await sleep(4);
}
export { main, later };
`;
    const [result] = await eslint.lintText(code, { filePath: `${fixturesDir}/file.ts` });
    expect(result?.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['@aio/no-floating-coroutine', 3],
      ['@aio/no-yield-future', 6],
      ['@aio/no-swallowed-cancellation', 7],
      ['@aio/no-await-coroutine', 10],
    ]);
  });

  it('reports nothing in correct code', async () => {
    const code = `import { type Coro, isCancelledError, run, sleep } from '@aio/core';
function* main(): Coro<void> {
  try {
    yield* sleep(1);
  } catch (e) {
    if (isCancelledError(e)) throw e;
  }
}
export const done = run(main());
`;
    const [result] = await eslint.lintText(code, { filePath: `${fixturesDir}/file.ts` });
    expect(result?.messages).toEqual([]);
  });

  it("fails with typescript-eslint's message when type information is not configured", async () => {
    const untyped = new ESLint({
      cwd: fixturesDir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
        plugin.configs.recommended,
      ],
    });
    await expect(
      untyped.lintText('export {};\n', { filePath: `${fixturesDir}/file.ts` }),
    ).rejects.toThrow(/parserOptions\.project|projectService|type information/);
  });
});
