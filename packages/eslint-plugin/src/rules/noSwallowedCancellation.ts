/**
 * `no-swallowed-cancellation`: a `catch` in a coroutine that eats `CancelledError`.
 *
 * @module
 */

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ESLintUtils } from '@typescript-eslint/utils';
import ts from 'typescript';
import { aioTypeInfo } from '../aioTypes';
import { aioName, containsYield, enclosingFunction, walkOwnBody } from '../astUtils';
import { catchFlow } from '../catchFlow';
import { createRule } from '../createRule';

type MessageId = 'swallowed' | 'returnsOnCancel' | 'suggestRethrow';

/**
 * Reports a `catch` in an aio coroutine whose `try` block waits (`yield*`/`yield`), so it
 * can catch the `CancelledError` that `task.cancel()` throws there, and that neither
 * re-throws it, keeps it for a later re-throw (`failure = e`), nor calls `uncancel()`. The
 * precise rule is in the rule's documentation page.
 *
 * @example
 * ```ts
 * // eslint.config.mjs
 * rules: { '@aio/no-swallowed-cancellation': 'error' }
 * ```
 */
export const noSwallowedCancellation = createRule<[], MessageId>({
  name: 'no-swallowed-cancellation',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require a `catch` in a coroutine to re-throw `CancelledError` (or call `uncancel()`)',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      swallowed:
        'This catch can swallow the CancelledError that cancelling the task throws at a `yield*` in its try block: the task would carry on instead of stopping. Re-throw cancellations first: `if (isCancelledError(e)) throw e;`.',
      returnsOnCancel:
        'This catch recognises a cancellation and leaves without re-throwing it: the task finishes normally instead of as cancelled, and a timeout or task group waiting on it cannot tell. Re-throw it (after cleaning up), or call `uncancel()` if ignoring it is deliberate.',
      suggestRethrow: 'Re-throw cancellations: `if (isCancelledError({{name}})) throw {{name}};`.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const aio = aioTypeInfo(checker);
    const { reachableByCancellation, onlyOnCancellation, leavesCatch, isParam, isUncancelCall } =
      catchFlow(services, aio);

    /** The function is an aio coroutine: a sync generator whose type yields aio's futures. */
    function isCoroutineFunction(fn: TSESTree.Node | undefined): boolean {
      if (fn === undefined || !('generator' in fn) || !fn.generator || fn.async) return false;
      const tsNode = services.esTreeNodeToTSNodeMap.get(fn) as ts.SignatureDeclaration;
      const signature = checker.getSignatureFromDeclaration(tsNode);
      return (
        signature !== undefined && aio.isCoroutine(checker.getReturnTypeOfSignature(signature))
      );
    }

    function neverReturns(node: TSESTree.Node): boolean {
      return (
        node.type === AST_NODE_TYPES.ExpressionStatement &&
        node.expression.type === AST_NODE_TYPES.CallExpression &&
        (services.getTypeAtLocation(node.expression).flags & ts.TypeFlags.Never) !== 0
      );
    }

    function rethrowSuggestion(
      clause: TSESTree.CatchClause,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      if (clause.param?.type !== AST_NODE_TYPES.Identifier) return [];
      const name = clause.param.name;
      const guard = aioName(context.sourceCode, clause.body, 'isCancelledError');
      if (guard === undefined) return [];
      const open = context.sourceCode.getFirstToken(clause.body)!;
      const first = clause.body.body[0];
      // Keep the layout: the guard goes on its own line when the first statement has one.
      const separator =
        first === undefined || first.loc.start.line === open.loc.end.line
          ? ' '
          : `\n${' '.repeat(first.loc.start.column)}`;
      return [
        {
          messageId: 'suggestRethrow',
          data: { name },
          fix: (fixer) => [
            ...guard.imports(fixer),
            first
              ? fixer.insertTextBefore(
                  first,
                  `if (${guard.text}(${name})) throw ${name};${separator}`,
                )
              : fixer.insertTextAfter(open, ` if (${guard.text}(${name})) throw ${name}; `),
          ],
        },
      ];
    }

    return {
      CatchClause(clause) {
        const tryStatement = clause.parent;
        if (!containsYield(tryStatement.block)) return;
        if (!isCoroutineFunction(enclosingFunction(clause))) return;
        const param =
          clause.param?.type === AST_NODE_TYPES.Identifier ? clause.param.name : undefined;
        const body = clause.body;

        let uncancels = false;
        let rethrows = false;
        let stores = false;
        let returnsOnCancel: TSESTree.Node | undefined;
        walkOwnBody(body, (node) => {
          if (isUncancelCall(node)) {
            uncancels = true;
          } else if (
            node.type === AST_NODE_TYPES.AssignmentExpression &&
            node.operator === '=' &&
            isParam(node.right, param) &&
            reachableByCancellation(node, body, param)
          ) {
            // `failure = e`: kept for a deferred re-throw (a `finally` spelled out by hand).
            stores = true;
          } else if (node.type === AST_NODE_TYPES.ThrowStatement || neverReturns(node)) {
            if (reachableByCancellation(node, body, param)) rethrows = true;
          } else if (
            returnsOnCancel === undefined &&
            leavesCatch(node, body) &&
            onlyOnCancellation(node, body, param)
          ) {
            returnsOnCancel = node;
          }
          return false;
        });
        if (uncancels) return;
        if (returnsOnCancel !== undefined) {
          context.report({ node: returnsOnCancel, messageId: 'returnsOnCancel' });
          return;
        }
        if (!rethrows && !stores) {
          context.report({
            node: clause.param ?? clause,
            messageId: 'swallowed',
            suggest: rethrowSuggestion(clause),
          });
        }
      },
    };
  },
});
