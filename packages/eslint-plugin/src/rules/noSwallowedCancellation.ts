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
import { createRule } from '../createRule';

type MessageId = 'swallowed' | 'returnsOnCancel' | 'suggestRethrow';

/**
 * How an `if` test splits the caught value, seen from a cancellation: whether a
 * `CancelledError` can reach each branch, and whether only one can.
 */
interface Split {
  thenReachable: boolean;
  elseReachable: boolean;
  thenOnlyCancel: boolean;
  elseOnlyCancel: boolean;
}

const UNKNOWN: Split = {
  thenReachable: true,
  elseReachable: true,
  thenOnlyCancel: false,
  elseOnlyCancel: false,
};

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

    /** The function is an aio coroutine: a sync generator whose type yields aio's futures. */
    function isCoroutineFunction(fn: TSESTree.Node | undefined): boolean {
      if (fn === undefined || !('generator' in fn) || !fn.generator || fn.async) return false;
      const tsNode = services.esTreeNodeToTSNodeMap.get(fn) as ts.SignatureDeclaration;
      const signature = checker.getSignatureFromDeclaration(tsNode);
      return (
        signature !== undefined && aio.isCoroutine(checker.getReturnTypeOfSignature(signature))
      );
    }

    /** Classifies `C` in `x instanceof C`. */
    function classify(classExpression: TSESTree.Node): 'cancel' | 'broad' | 'narrow' | 'unknown' {
      const type = services.getTypeAtLocation(classExpression);
      const instances = type
        .getConstructSignatures()
        .map((s) => checker.getReturnTypeOfSignature(s));
      const instance = instances[0];
      if (instance === undefined || instance.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
        return 'unknown';
      }
      // Walk the class chain: meeting aio's CancelledError makes it a cancellation test.
      const stack: ts.Type[] = [instance];
      const seen = new Set<ts.Type>();
      while (stack.length > 0) {
        const t = stack.pop()!;
        if (seen.has(t)) continue;
        seen.add(t);
        if (aio.isAioSymbol(t.getSymbol(), ['CancelledError'])) return 'cancel';
        if ((t as ts.ObjectType).objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Interface)) {
          stack.push(...checker.getBaseTypes(t as ts.InterfaceType));
        }
      }
      const symbol = instance.getSymbol();
      const fromLib = (symbol?.getDeclarations() ?? []).some((d) =>
        services.program.isSourceFileDefaultLibrary(d.getSourceFile()),
      );
      // `Error` and `Object` include CancelledError; every other class excludes it.
      if (fromLib && (symbol?.getName() === 'Error' || symbol?.getName() === 'Object')) {
        return 'broad';
      }
      return 'narrow';
    }

    function isParam(node: TSESTree.Node, param: string | undefined): boolean {
      return param !== undefined && node.type === AST_NODE_TYPES.Identifier && node.name === param;
    }

    function isCancelledErrorCall(node: TSESTree.Node, param: string | undefined): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = node.callee;
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression &&
              callee.property.type === AST_NODE_TYPES.Identifier
            ? callee.property.name
            : undefined;
      return (
        name === 'isCancelledError' &&
        node.arguments.length > 0 &&
        isParam(node.arguments[0]!, param)
      );
    }

    /** How a test splits the caught value. (Recursive over `!`, `&&` and `||`: its depth is
     * that of one written condition, never of data.) */
    function split(test: TSESTree.Expression, param: string | undefined): Split {
      if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') {
        const inner = split(test.argument, param);
        return {
          thenReachable: inner.elseReachable,
          elseReachable: inner.thenReachable,
          thenOnlyCancel: inner.elseOnlyCancel,
          elseOnlyCancel: inner.thenOnlyCancel,
        };
      }
      if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator !== '??') {
        const a = split(test.left, param);
        const b = split(test.right, param);
        return test.operator === '&&'
          ? {
              thenReachable: a.thenReachable && b.thenReachable,
              elseReachable: a.elseReachable || b.elseReachable,
              thenOnlyCancel: a.thenOnlyCancel || b.thenOnlyCancel,
              elseOnlyCancel: a.elseOnlyCancel && b.elseOnlyCancel,
            }
          : {
              thenReachable: a.thenReachable || b.thenReachable,
              elseReachable: a.elseReachable && b.elseReachable,
              thenOnlyCancel: a.thenOnlyCancel && b.thenOnlyCancel,
              elseOnlyCancel: a.elseOnlyCancel || b.elseOnlyCancel,
            };
      }
      if (isCancelledErrorCall(test, param)) {
        return {
          thenReachable: true,
          elseReachable: false,
          thenOnlyCancel: true,
          elseOnlyCancel: false,
        };
      }
      if (
        test.type === AST_NODE_TYPES.BinaryExpression &&
        test.operator === 'instanceof' &&
        isParam(test.left, param)
      ) {
        switch (classify(test.right)) {
          case 'cancel':
            return {
              thenReachable: true,
              elseReachable: false,
              thenOnlyCancel: true,
              elseOnlyCancel: false,
            };
          case 'broad':
            return {
              thenReachable: true,
              elseReachable: false,
              thenOnlyCancel: false,
              elseOnlyCancel: false,
            };
          case 'narrow':
            return {
              thenReachable: false,
              elseReachable: true,
              thenOnlyCancel: false,
              elseOnlyCancel: false,
            };
          default:
            return UNKNOWN;
        }
      }
      return UNKNOWN;
    }

    /** The branches of the `if` statements between a node and the catch body. */
    function enclosingBranches(
      node: TSESTree.Node,
      body: TSESTree.BlockStatement,
    ): Array<{ test: TSESTree.Expression; branch: 'then' | 'else' }> {
      const out: Array<{ test: TSESTree.Expression; branch: 'then' | 'else' }> = [];
      let child: TSESTree.Node = node;
      for (
        let n: TSESTree.Node | undefined = node.parent;
        n != null && child !== body;
        n = n.parent
      ) {
        if (n.type === AST_NODE_TYPES.IfStatement && child !== n.test) {
          out.push({ test: n.test, branch: child === n.consequent ? 'then' : 'else' });
        }
        child = n;
      }
      return out;
    }

    function reachableByCancellation(
      node: TSESTree.Node,
      body: TSESTree.BlockStatement,
      param?: string,
    ): boolean {
      return enclosingBranches(node, body).every(({ test, branch }) => {
        const s = split(test, param);
        return branch === 'then' ? s.thenReachable : s.elseReachable;
      });
    }

    function onlyOnCancellation(
      node: TSESTree.Node,
      body: TSESTree.BlockStatement,
      param?: string,
    ): boolean {
      return enclosingBranches(node, body).some(({ test, branch }) => {
        const s = split(test, param);
        return branch === 'then' ? s.thenOnlyCancel : s.elseOnlyCancel;
      });
    }

    /** A `return`, or a `break`/`continue` aimed past the catch (not at a loop inside it). */
    function leavesCatch(node: TSESTree.Node, body: TSESTree.BlockStatement): boolean {
      if (node.type === AST_NODE_TYPES.ReturnStatement) return true;
      if (
        node.type !== AST_NODE_TYPES.BreakStatement &&
        node.type !== AST_NODE_TYPES.ContinueStatement
      ) {
        return false;
      }
      const label = node.label?.name;
      for (let n: TSESTree.Node | undefined = node.parent; n != null && n !== body; n = n.parent) {
        if (label !== undefined) {
          if (n.type === AST_NODE_TYPES.LabeledStatement && n.label.name === label) return false;
        } else if (
          n.type === AST_NODE_TYPES.ForStatement ||
          n.type === AST_NODE_TYPES.ForInStatement ||
          n.type === AST_NODE_TYPES.ForOfStatement ||
          n.type === AST_NODE_TYPES.WhileStatement ||
          n.type === AST_NODE_TYPES.DoWhileStatement ||
          (n.type === AST_NODE_TYPES.SwitchStatement && node.type === AST_NODE_TYPES.BreakStatement)
        ) {
          return false;
        }
      }
      return true;
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
          if (
            node.type === AST_NODE_TYPES.CallExpression &&
            node.callee.type === AST_NODE_TYPES.MemberExpression &&
            node.callee.property.type === AST_NODE_TYPES.Identifier &&
            node.callee.property.name === 'uncancel'
          ) {
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
