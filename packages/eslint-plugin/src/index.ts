/**
 * @aio/eslint-plugin: the aio mistakes that type-check but do nothing — coroutines that are
 * never run, `await` on a coroutine, `yield` for `yield*`, catches that swallow cancellation.
 *
 * ```js
 * // eslint.config.mjs
 * import aio from '@aio/eslint-plugin';
 * import tseslint from 'typescript-eslint';
 *
 * export default [
 *   { files: ['**\/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true } } },
 *   aio.configs.recommended,
 * ];
 * ```
 *
 * @packageDocumentation
 */

import type { ESLint, Linter, Rule } from 'eslint';
import { noAwaitCoroutine } from './rules/noAwaitCoroutine';
import { noFloatingCoroutine } from './rules/noFloatingCoroutine';
import { noSwallowedCancellation } from './rules/noSwallowedCancellation';
import { noYieldFuture } from './rules/noYieldFuture';
import { requireTaskRetrieval } from './rules/requireTaskRetrieval';

/** The names of the plugin's rules (without the `@aio/` prefix). */
export type AioRuleName =
  | 'no-floating-coroutine'
  | 'no-await-coroutine'
  | 'no-yield-future'
  | 'no-swallowed-cancellation'
  | 'require-task-retrieval';

const typedRules = {
  'no-floating-coroutine': noFloatingCoroutine,
  'no-await-coroutine': noAwaitCoroutine,
  'no-yield-future': noYieldFuture,
  'no-swallowed-cancellation': noSwallowedCancellation,
  'require-task-retrieval': requireTaskRetrieval,
} satisfies Record<AioRuleName, unknown>;

/**
 * Every rule of the plugin, by name (without the `@aio/` prefix), typed as ESLint's own
 * rule modules so that `defineConfig` from `eslint/config` accepts the plugin.
 *
 * @example
 * ```js
 * // eslint.config.mjs: one rule on its own
 * export default [{ plugins: { '@aio': aio }, rules: { '@aio/no-yield-future': 'error' } }];
 * ```
 */
export const rules = typedRules as unknown as Record<AioRuleName, Rule.RuleModule>;

/** The plugin's name and namespace, as ESLint reports them. */
export const meta = { name: '@aio/eslint-plugin', namespace: '@aio' };

/** The plugin object ESLint loads. */
export interface AioPlugin extends ESLint.Plugin {
  meta: { name: string; namespace: string };
  rules: Record<AioRuleName, Rule.RuleModule>;
  configs: { recommended: Linter.Config; all: Linter.Config };
}

const ruleLevels = (level: (name: AioRuleName) => Linter.RuleSeverity) =>
  Object.fromEntries(
    (Object.keys(typedRules) as AioRuleName[]).map((name) => [`@aio/${name}`, level(name)]),
  );

/**
 * The shared configs: `recommended` (the four rules that catch code that does nothing or
 * swallows cancellation) and `all` (also `require-task-retrieval`). Both need type
 * information: set `languageOptions.parserOptions.projectService` (see the README).
 *
 * @example
 * ```js
 * export default [typeInformation, aio.configs.recommended];
 * ```
 */
export const configs = {} as AioPlugin['configs'];

/**
 * The plugin: `meta`, `rules` and `configs`.
 *
 * @example
 * ```js
 * // eslint.config.mjs
 * import aio from '@aio/eslint-plugin';
 * export default [typeInformation, aio.configs.recommended];
 * ```
 */
const plugin: AioPlugin = { meta, rules, configs };
configs.recommended = {
  name: '@aio/recommended',
  plugins: { '@aio': plugin },
  rules: ruleLevels((name) => (typedRules[name].meta.docs?.recommended ? 'error' : 'off')),
};
configs.all = {
  name: '@aio/all',
  plugins: { '@aio': plugin },
  rules: ruleLevels(() => 'error'),
};

export default plugin;
