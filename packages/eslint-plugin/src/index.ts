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

import type { TSESLint } from '@typescript-eslint/utils';
import { noAwaitCoroutine } from './rules/noAwaitCoroutine';
import { noFloatingCoroutine } from './rules/noFloatingCoroutine';
import { noSwallowedCancellation } from './rules/noSwallowedCancellation';
import { noYieldFuture } from './rules/noYieldFuture';
import { requireTaskRetrieval } from './rules/requireTaskRetrieval';

/**
 * Every rule of the plugin, by name (without the `@aio/` prefix).
 *
 * @example
 * ```js
 * // eslint.config.mjs: one rule on its own
 * export default [{ plugins: { '@aio': aio }, rules: { '@aio/no-yield-future': 'error' } }];
 * ```
 */
export const rules = {
  'no-floating-coroutine': noFloatingCoroutine,
  'no-await-coroutine': noAwaitCoroutine,
  'no-yield-future': noYieldFuture,
  'no-swallowed-cancellation': noSwallowedCancellation,
  'require-task-retrieval': requireTaskRetrieval,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;

/** The plugin's name and namespace, as ESLint reports them. */
export const meta = { name: '@aio/eslint-plugin', namespace: '@aio' } as const;

/** A flat config object: the plugin under the `@aio` namespace and some of its rules. */
export interface AioConfig {
  name: string;
  plugins: { '@aio': AioPlugin };
  rules: Record<`@aio/${keyof typeof rules}`, TSESLint.FlatConfig.RuleEntry>;
}

/** The plugin object ESLint loads. */
export interface AioPlugin {
  meta: typeof meta;
  rules: typeof rules;
  configs: { recommended: AioConfig; all: AioConfig };
}

/** The rule levels of `configs.recommended`: every rule but `require-task-retrieval`. */
const recommendedRules = Object.fromEntries(
  Object.entries(rules).map(([name, rule]) => [
    `@aio/${name}`,
    rule.meta.docs.recommended ? 'error' : 'off',
  ]),
) as AioConfig['rules'];

const allRules = Object.fromEntries(
  Object.keys(rules).map((name) => [`@aio/${name}`, 'error']),
) as AioConfig['rules'];

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
configs.recommended = { name: '@aio/recommended', plugins: { '@aio': plugin }, rules: recommendedRules };
configs.all = { name: '@aio/all', plugins: { '@aio': plugin }, rules: allRules };

export default plugin;
