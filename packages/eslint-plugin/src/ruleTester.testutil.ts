// The RuleTester every rule test uses: typescript-eslint's, run by vitest, with type
// information from one shared project (test/fixtures/tsconfig.json) so that the project
// service type-checks each case against the real @aio/core sources and the fixtures.
import { fileURLToPath } from 'node:url';
import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The folder of the fixture project (cases are linted as `file.ts` in it). */
export const fixturesDir = fileURLToPath(new URL('../test/fixtures', import.meta.url));

/** Runs one rule's cases, type-checked in the fixture project. */
export interface TypedRuleTester {
  run<MessageIds extends string, Options extends readonly unknown[]>(
    name: string,
    rule: TSESLint.RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void;
}

/**
 * A RuleTester whose cases are type-checked in the fixture project.
 *
 * (The newest rule tester can trail the newest `@typescript-eslint/utils` by a release or
 * two; the rule modules' types then come from a different copy of the same AST types,
 * which only differ in identity. `run` takes the plugin's own rule type for that reason.)
 */
export function typedRuleTester(): TypedRuleTester {
  const tester = new RuleTester({
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: fixturesDir },
    },
  });
  return {
    run(name, rule, tests) {
      tester.run(name, rule as unknown as Parameters<RuleTester['run']>[1], tests);
    },
  };
}
