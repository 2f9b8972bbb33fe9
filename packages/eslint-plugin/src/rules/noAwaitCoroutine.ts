/**
 * `no-await-coroutine`: `await` on a coroutine does not run it.
 *
 * @module
 */

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ESLintUtils } from '@typescript-eslint/utils';
import { aioTypeInfo } from '../aioTypes';
import { aioName } from '../astUtils';
import { createRule } from '../createRule';

type MessageId = 'await' | 'promiseCombinator' | 'suggestRun' | 'suggestCreateTask';

/** The static methods of `Promise` that await the values they are given. */
const COMBINATORS = new Set(['all', 'allSettled', 'any', 'race', 'resolve']);

/**
 * Reports `await` of an aio coroutine (which evaluates to the unstarted generator object at
 * once, without running it), and coroutines handed to `Promise.all` and its siblings.
 * Futures and tasks are `PromiseLike`: awaiting them is right and never reported.
 *
 * @example
 * ```ts
 * // eslint.config.mjs
 * rules: { '@aio/no-await-coroutine': 'error' }
 * ```
 */
export const noAwaitCoroutine = createRule<[], MessageId>({
  name: 'no-await-coroutine',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `await` on an aio coroutine: it does not run it',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      await:
        '`await` does not run a coroutine: it evaluates to the unstarted generator at once. Run it with `await run(...)` (no loop running) or `await createTask(...)` (inside a running loop), or use `yield*` in a coroutine.',
      promiseCombinator:
        '`Promise.{{method}}` does not run coroutines: it resolves to the unstarted generators. Run them with `yield* gather(...)` in a coroutine, or wrap each in `createTask(...)`.',
      suggestRun: 'Run it on a new event loop: `await run(…)` (where no loop is running).',
      suggestCreateTask: 'Start it as a task of the running loop: `await createTask(…)`.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const aio = aioTypeInfo(services.program.getTypeChecker());
    const isCoroutine = (node: TSESTree.Node) => aio.isCoroutine(services.getTypeAtLocation(node));

    function wrapWith(
      messageId: 'suggestRun' | 'suggestCreateTask',
      exported: string,
      argument: TSESTree.Expression,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const name = aioName(context.sourceCode, argument, exported);
      if (name === undefined) return [];
      const text = context.sourceCode.getText(argument);
      return [
        {
          messageId,
          fix: (fixer) => [
            ...name.imports(fixer),
            fixer.replaceText(argument, `${name.text}(${text})`),
          ],
        },
      ];
    }

    function isGlobalPromise(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.Identifier || node.name !== 'Promise') return false;
      for (
        let scope: TSESLint.Scope.Scope | null = context.sourceCode.getScope(node);
        scope;
        scope = scope.upper
      ) {
        const variable = scope.set.get('Promise');
        if (variable !== undefined && variable.defs.length > 0) return false; // shadowed
      }
      return true;
    }

    return {
      AwaitExpression(node) {
        if (!isCoroutine(node.argument)) return;
        const suggest = aio.isOnlyCoroutine(services.getTypeAtLocation(node.argument))
          ? [
              ...wrapWith('suggestRun', 'run', node.argument),
              ...wrapWith('suggestCreateTask', 'createTask', node.argument),
            ]
          : [];
        context.report({ node, messageId: 'await', suggest });
      },
      CallExpression(node) {
        const callee = node.callee;
        if (
          callee.type !== AST_NODE_TYPES.MemberExpression ||
          callee.computed ||
          callee.property.type !== AST_NODE_TYPES.Identifier ||
          !COMBINATORS.has(callee.property.name) ||
          !isGlobalPromise(callee.object)
        ) {
          return;
        }
        const method = callee.property.name;
        const [argument] = node.arguments;
        if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) return;
        if (argument.type === AST_NODE_TYPES.ArrayExpression) {
          for (const element of argument.elements) {
            if (element === null) continue;
            const value =
              element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element;
            const type = services.getTypeAtLocation(value);
            if (aio.isCoroutine(type) || aio.isCoroutineArray(type)) {
              context.report({ node: element, messageId: 'promiseCombinator', data: { method } });
            }
          }
          return;
        }
        const type = services.getTypeAtLocation(argument);
        if (aio.isCoroutineArray(type) || (method === 'resolve' && aio.isCoroutine(type))) {
          context.report({ node: argument, messageId: 'promiseCombinator', data: { method } });
        }
      },
    };
  },
});
