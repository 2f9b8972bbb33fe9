/**
 * `no-floating-coroutine`: a coroutine created and dropped never runs.
 *
 * @module
 */

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ESLintUtils } from '@typescript-eslint/utils';
import ts from 'typescript';
import { aioTypeInfo } from '../aioTypes';
import { aioName, inSyncGenerator } from '../astUtils';
import { createRule } from '../createRule';

type Options = [{ ignoreVoid?: boolean; checkVoidCallbacks?: boolean }];
type MessageId =
  | 'floating'
  | 'floatingArray'
  | 'voidCallback'
  | 'suggestYieldStar'
  | 'suggestCreateTask';

/**
 * Reports an aio coroutine that is created and then dropped: generator functions run
 * nothing until they are iterated, so `sleep(1000);` inside a coroutine waits for nothing.
 *
 * @example
 * ```ts
 * // eslint.config.mjs
 * rules: { '@aio/no-floating-coroutine': ['error', { ignoreVoid: false }] }
 * ```
 */
export const noFloatingCoroutine = createRule<Options, MessageId>({
  name: 'no-floating-coroutine',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require aio coroutines to be run: `yield*`-ed, returned, assigned, or passed to a function such as `createTask`',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      floating:
        'This coroutine is created and dropped, so it never runs: a generator does nothing until it is iterated. Use `yield*` inside a coroutine, or pass it to `createTask(...)`, `run(...)` or `gather(...)`.',
      floatingArray:
        'These coroutines are created and dropped, so none of them runs. Pass them to `gather(...)` (`yield* gather(...coros)`) or start each with `createTask(...)`.',
      voidCallback:
        'This function returns a coroutine where a function returning nothing is expected: the coroutine it makes is dropped and never runs. Start it with `createTask(...)` inside the callback.',
      suggestYieldStar: 'Run it here: `yield* …`.',
      suggestCreateTask: 'Start it as a task: `createTask(…)`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          ignoreVoid: {
            type: 'boolean',
            description: 'Accept `void coro()` as a deliberate drop (default true).',
          },
          checkVoidCallbacks: {
            type: 'boolean',
            description:
              'Report functions returning a coroutine passed where a void callback is expected (default true).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignoreVoid: true, checkVoidCallbacks: true }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const aio = aioTypeInfo(checker);
    const typeOf = (node: TSESTree.Node) => services.getTypeAtLocation(node);

    /** `Promise.all(...)`, `Promise.race(...)`, ...: a call of a static method of Promise. */
    function isPromiseStatic(node: TSESTree.Expression): boolean {
      return (
        node.type === AST_NODE_TYPES.CallExpression &&
        node.callee.type === AST_NODE_TYPES.MemberExpression &&
        node.callee.object.type === AST_NODE_TYPES.Identifier &&
        node.callee.object.name === 'Promise'
      );
    }

    /** The parts of a statement's expression whose values are dropped, with why. */
    function floatingParts(
      expression: TSESTree.Expression,
    ): Array<{ node: TSESTree.Expression; array: boolean }> {
      const out: Array<{ node: TSESTree.Expression; array: boolean }> = [];
      const stack: TSESTree.Expression[] = [expression];
      while (stack.length > 0) {
        const node = stack.pop()!;
        switch (node.type) {
          case AST_NODE_TYPES.UnaryExpression:
            if (node.operator === 'void' && !options.ignoreVoid) stack.push(node.argument);
            continue;
          case AST_NODE_TYPES.SequenceExpression:
            for (let i = node.expressions.length - 1; i >= 0; i--) stack.push(node.expressions[i]!);
            continue;
          case AST_NODE_TYPES.ConditionalExpression:
            stack.push(node.alternate, node.consequent);
            continue;
          case AST_NODE_TYPES.LogicalExpression:
            stack.push(node.right, node.left);
            continue;
          case AST_NODE_TYPES.AssignmentExpression:
            continue; // the value is kept
          case AST_NODE_TYPES.AwaitExpression:
            // `await coro` and `await Promise.all([coro])` are no-await-coroutine's reports;
            // `await x` whose *result* is a coroutine (a promise of one) is dropped like any
            // other value.
            if (aio.isCoroutine(typeOf(node.argument)) || isPromiseStatic(node.argument)) continue;
            break;
          case AST_NODE_TYPES.YieldExpression:
            // `yield x` evaluates to what the driver sends back (nothing aio makes);
            // `yield* c` to c's result, which is checked like any value.
            if (!node.delegate) continue;
            break;
          default:
            break;
        }
        const type = typeOf(node);
        if (aio.isCoroutine(type)) out.push({ node, array: false });
        else if (aio.isCoroutineArray(type)) out.push({ node, array: true });
      }
      return out;
    }

    function suggestions(
      statement: TSESTree.ExpressionStatement,
      node: TSESTree.Expression,
    ): TSESLint.ReportSuggestionArray<MessageId> {
      // Only a whole statement that is certainly a coroutine gets an edit: `yield*` on a
      // union with something else (or on one branch of `a ? c : d`) could throw. (A whole
      // statement reported is never a sequence, conditional or logical expression: those
      // are split into their parts above, so no parentheses are needed.)
      if (node !== statement.expression || !aio.isOnlyCoroutine(typeOf(node))) return [];
      const text = context.sourceCode.getText(node);
      if (inSyncGenerator(node)) {
        return [
          {
            messageId: 'suggestYieldStar',
            fix: (fixer) => fixer.insertTextBefore(node, 'yield* '),
          },
        ];
      }
      const createTask = aioName(context.sourceCode, node, 'createTask');
      if (createTask === undefined) return [];
      return [
        {
          messageId: 'suggestCreateTask',
          fix: (fixer) => [
            ...createTask.imports(fixer),
            fixer.replaceText(node, `${createTask.text}(${text})`),
          ],
        },
      ];
    }

    /** Every call signature of the type returns void (and there is at least one). */
    function expectsVoidReturn(type: ts.Type | undefined): boolean {
      if (type === undefined) return false;
      const signatures = (type.isUnion() ? type.types : [type]).flatMap((t) =>
        t.getCallSignatures(),
      );
      return (
        signatures.length > 0 &&
        signatures.every((s) => checker.getReturnTypeOfSignature(s).flags & ts.TypeFlags.Void)
      );
    }

    /** Every call signature of the type returns a coroutine (and there is at least one). */
    function returnsCoroutine(type: ts.Type): boolean {
      const signatures = type.getCallSignatures();
      return (
        signatures.length > 0 &&
        signatures.every((s) => aio.isCoroutine(checker.getReturnTypeOfSignature(s)))
      );
    }

    function checkArguments(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      for (const argument of node.arguments) {
        if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const tsNode = services.esTreeNodeToTSNodeMap.get(argument) as ts.Expression;
        if (!expectsVoidReturn(checker.getContextualType(tsNode))) continue;
        if (returnsCoroutine(typeOf(argument))) {
          context.report({ node: argument, messageId: 'voidCallback' });
        }
      }
    }

    return {
      ExpressionStatement(statement) {
        if (statement.directive !== undefined) return;
        for (const { node, array } of floatingParts(statement.expression)) {
          context.report({
            node,
            messageId: array ? 'floatingArray' : 'floating',
            suggest: array ? [] : suggestions(statement, node),
          });
        }
      },
      CallExpression(node) {
        if (options.checkVoidCallbacks) checkArguments(node);
      },
      NewExpression(node) {
        if (options.checkVoidCallbacks) checkArguments(node);
      },
      // A callback that is not a call argument but still typed as returning void, e.g.
      // `const onDone: () => void = () => work();` or an object property `{ onDone: ... }`.
      'ArrowFunctionExpression, FunctionExpression'(
        node: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
      ) {
        if (!options.checkVoidCallbacks) return;
        const parent = node.parent;
        if (
          parent.type === AST_NODE_TYPES.CallExpression ||
          parent.type === AST_NODE_TYPES.NewExpression
        ) {
          return; // checked with the call's arguments
        }
        if (
          parent.type !== AST_NODE_TYPES.VariableDeclarator &&
          parent.type !== AST_NODE_TYPES.Property &&
          parent.type !== AST_NODE_TYPES.AssignmentExpression &&
          parent.type !== AST_NODE_TYPES.PropertyDefinition
        ) {
          return;
        }
        const tsNode = services.esTreeNodeToTSNodeMap.get(node) as ts.Expression;
        if (
          expectsVoidReturn(checker.getContextualType(tsNode)) &&
          returnsCoroutine(typeOf(node))
        ) {
          context.report({ node, messageId: 'voidCallback' });
        }
      },
    };
  },
});
