/**
 * `require-task-retrieval`: a task started and dropped (fire-and-forget).
 *
 * @module
 */

import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ESLintUtils } from '@typescript-eslint/utils';
import ts from 'typescript';
import { aioTypeInfo } from '../aioTypes';
import { createRule } from '../createRule';

type Options = [{ ignoreVoid?: boolean }];
type MessageId = 'dropped';

/**
 * Reports a task whose creation is a statement of its own, so that nothing keeps it:
 * `createTask(c);`, `loop.createTask(c);`, `ensureFuture(c);` (and any other call that
 * returns an aio `Task`). Tasks made by a `TaskGroup` (`tg.createTask(c)`) are kept by the
 * group, which waits for them and cancels them, and are never reported.
 *
 * @example
 * ```ts
 * // eslint.config.mjs
 * rules: { '@aio/require-task-retrieval': 'error' }
 * ```
 */
export const requireTaskRetrieval = createRule<Options, MessageId>({
  name: 'require-task-retrieval',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Require the task that `createTask` returns to be kept (or the task to be started in a task group)',
      recommended: false,
      requiresTypeChecking: true,
    },
    messages: {
      dropped:
        'This task is started and dropped: nothing waits for it, its error only reaches the loop\'s exception handler ("exception was never retrieved"), and nothing cancels it when this code is done. Start it in a `taskGroup` (`tg.createTask(...)`), or keep it and `yield*` it.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          ignoreVoid: {
            type: 'boolean',
            description: 'Accept `void createTask(...)` as deliberate (default true).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignoreVoid: true }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const aio = aioTypeInfo(checker);

    function calledDeclaration(call: TSESTree.CallExpression | TSESTree.NewExpression) {
      const tsNode = services.esTreeNodeToTSNodeMap.get(call) as ts.CallLikeExpression;
      return checker.getResolvedSignature(tsNode)?.getDeclaration();
    }

    /** The called function is a method of aio's TaskGroup (which keeps its tasks). */
    function isTaskGroupMethod(declaration: ts.Declaration | undefined): boolean {
      const owner = declaration?.parent;
      if (owner === undefined || !ts.isClassLike(owner)) return false;
      const symbol = owner.name === undefined ? undefined : checker.getSymbolAtLocation(owner.name);
      return aio.isAioSymbol(symbol, ['TaskGroup']);
    }

    function isEnsureFutureOfCoroutine(
      call: TSESTree.CallExpression,
      declaration: ts.Declaration | undefined,
    ) {
      if (
        declaration === undefined ||
        !ts.isFunctionDeclaration(declaration) ||
        declaration.name === undefined
      ) {
        return false;
      }
      const symbol = checker.getSymbolAtLocation(declaration.name);
      const [first] = call.arguments;
      return (
        aio.isAioSymbol(symbol, ['ensureFuture']) &&
        first !== undefined &&
        first.type !== AST_NODE_TYPES.SpreadElement &&
        aio.isCoroutine(services.getTypeAtLocation(first))
      );
    }

    return {
      ExpressionStatement(statement) {
        let expression = statement.expression;
        if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') {
          if (options.ignoreVoid) return;
          expression = expression.argument;
        }
        if (expression.type === AST_NODE_TYPES.ChainExpression) expression = expression.expression;
        if (
          expression.type !== AST_NODE_TYPES.CallExpression &&
          expression.type !== AST_NODE_TYPES.NewExpression
        ) {
          return;
        }
        const declaration = calledDeclaration(expression);
        if (isTaskGroupMethod(declaration)) return;
        const dropped =
          aio.isTask(services.getTypeAtLocation(expression)) ||
          (expression.type === AST_NODE_TYPES.CallExpression &&
            isEnsureFutureOfCoroutine(expression, declaration));
        if (dropped) context.report({ node: expression, messageId: 'dropped' });
      },
    };
  },
});
