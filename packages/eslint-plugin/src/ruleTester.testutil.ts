// The RuleTester every rule test uses: typescript-eslint's, run by vitest, with type
// information from one shared project (test/fixtures/tsconfig.json) so that the project
// service type-checks each case against the real @aio/core sources and the fixtures.
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The folder of the fixture project (cases are linted as `file.ts` in it). */
export const fixturesDir = fileURLToPath(new URL('../test/fixtures', import.meta.url));

/** A RuleTester whose cases are type-checked in the fixture project. */
export function typedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: fixturesDir,
      },
    },
  });
}
