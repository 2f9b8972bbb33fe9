/**
 * `no-yield-future`: `yield fut` where `yield* fut` was meant.
 *
 * @module
 */

import { AST_NODE_TYPES, ESLintUtils } from '@typescript-eslint/utils';
import { aioTypeInfo } from '../aioTypes';
import { enclosingFunction } from '../astUtils';
import { createRule } from '../createRule';

type MessageId = 'yieldFuture' | 'yieldCoroutine' | 'suggestYieldStar';

/**
 * Reports `yield x` in a generator function where `x` is an aio future, task or coroutine:
 * aio waits on `yield* x`; a plain `yield` of one throws a `TypeError` into the coroutine at
 * run time. The suggestion writes `yield*`.
 *
 * @example
 * ```ts
 * // eslint.config.mjs
 * rules: { '@aio/no-yield-future': 'error' }
 * ```
 */
export const noYieldFuture = createRule<[], MessageId>({
  name: 'no-yield-future',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `yield*` (not `yield`) on aio futures, tasks and coroutines',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      yieldFuture:
        '`yield` hands this future to the task runner as a value, which aio rejects with a TypeError. Wait for it with `yield*`.',
      yieldCoroutine:
        '`yield` hands this coroutine to the task runner as a value instead of running it, which aio rejects with a TypeError. Run it with `yield*`.',
      suggestYieldStar: 'Use `yield*`.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const aio = aioTypeInfo(services.program.getTypeChecker());

    return {
      YieldExpression(node) {
        if (node.delegate || node.argument === null) return;
        // In an async generator, `yield promiseLike` awaits it: that is a different protocol.
        const fn = enclosingFunction(node);
        if (fn === undefined || fn.async) return;
        const type = services.getTypeAtLocation(node.argument);
        const future = aio.isFuture(type);
        if (!future && !aio.isCoroutine(type)) return;
        const yieldToken = context.sourceCode.getFirstToken(node);
        context.report({
          node,
          messageId: future ? 'yieldFuture' : 'yieldCoroutine',
          suggest:
            yieldToken?.value === 'yield' &&
            node.argument.type !== AST_NODE_TYPES.SequenceExpression
              ? [
                  {
                    messageId: 'suggestYieldStar',
                    fix: (fixer) => fixer.insertTextAfter(yieldToken, '*'),
                  },
                ]
              : [],
        });
      },
    };
  },
});
