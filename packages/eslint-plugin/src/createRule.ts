/**
 * The rule factory every rule of the plugin is made with: typed options and messages,
 * and `meta.docs.url` pointing at the rule's page in `docs/rules/`.
 *
 * @module
 */

import { ESLintUtils } from '@typescript-eslint/utils';

/**
 * Where the rule pages are read: the `docs/rules/` folder that the published package
 * ships (the one place to change when the docs move).
 */
export const DOCS_BASE = 'https://unpkg.com/@aio/eslint-plugin/docs/rules/';

/**
 * The documentation page of a rule.
 *
 * @example
 * ```ts
 * docsUrl('no-yield-future'); // 'https://unpkg.com/@aio/eslint-plugin/docs/rules/no-yield-future.md'
 * ```
 */
export function docsUrl(ruleName: string): string {
  return `${DOCS_BASE}${ruleName}.md`;
}

/** What each rule's `meta.docs` says beyond the description. */
export interface AioRuleDocs {
  /** Whether `configs.recommended` turns the rule on. */
  recommended: boolean;
  /** The rule needs type information (`parserOptions.projectService`). */
  requiresTypeChecking: true;
}

/**
 * Creates one rule of the plugin.
 *
 * @example
 * ```ts
 * export const rule = createRule({ name: 'no-yield-future', meta: { ... }, create(context) { ... } });
 * ```
 */
export const createRule = ESLintUtils.RuleCreator<AioRuleDocs>(docsUrl);
