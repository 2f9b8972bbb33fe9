/**
 * Reading a `catch` body the way `no-swallowed-cancellation` does: which branches of its
 * `if` statements a `CancelledError` can reach, and which only a cancellation reaches.
 *
 * @module
 */

import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import ts from 'typescript';
import type { AioTypeInfo } from './aioTypes';

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

/** What the rule asks about a node inside a catch body whose caught variable is `param`. */
export interface CatchFlow {
  /** A cancellation caught here can reach the node (no enclosing `if` branch excludes it). */
  reachableByCancellation(
    node: TSESTree.Node,
    body: TSESTree.BlockStatement,
    param?: string,
  ): boolean;
  /** Some enclosing `if` branch is reached only by a cancellation. */
  onlyOnCancellation(node: TSESTree.Node, body: TSESTree.BlockStatement, param?: string): boolean;
  /** The node is a `return`, or a `break`/`continue` that leaves the catch. */
  leavesCatch(node: TSESTree.Node, body: TSESTree.BlockStatement): boolean;
  /** The node is the caught variable (by name). */
  isParam(node: TSESTree.Node, param: string | undefined): boolean;
  /** The node calls aio's `Task.uncancel()` (resolved by the checker, not by name). */
  isUncancelCall(node: TSESTree.Node): boolean;
}

/**
 * The catch-body analysis for one file's type information.
 *
 * @example
 * ```ts
 * const flow = catchFlow(services, aioTypeInfo(checker));
 * if (flow.reachableByCancellation(throwStatement, clause.body, 'e')) rethrows = true;
 * ```
 */
export function catchFlow(
  services: ParserServicesWithTypeInformation,
  aio: AioTypeInfo,
): CatchFlow {
  const checker = services.program.getTypeChecker();

  /** The (class instance) type is aio's `CancelledError` or derives from it. */
  function isCancelledErrorClass(type: ts.Type): boolean {
    const stack: ts.Type[] = [type];
    const seen = new Set<ts.Type>();
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (seen.has(t)) continue;
      seen.add(t);
      if (aio.isAioSymbol(t.getSymbol(), ['CancelledError'])) return true;
      if ((t as ts.ObjectType).objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Interface)) {
        stack.push(...checker.getBaseTypes(t as ts.InterfaceType));
      }
    }
    return false;
  }

  /** Classifies `C` in `x instanceof C`. */
  function classify(classExpression: TSESTree.Node): 'cancel' | 'broad' | 'narrow' | 'unknown' {
    const type = services.getTypeAtLocation(classExpression);
    const instances = type.getConstructSignatures().map((s) => checker.getReturnTypeOfSignature(s));
    const instance = instances[0];
    if (instance === undefined || instance.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
      return 'unknown';
    }
    if (isCancelledErrorClass(instance)) return 'cancel';
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

  /**
   * The symbol a name stands for, through imports and re-exports (`import { isCancelledError
   * as isCancel }`, `export { isCancelledError } from '@aio/core'` in a module of one's own).
   */
  function resolvedSymbol(node: TSESTree.Node): ts.Symbol | undefined {
    let symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(node));
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) {
      symbol = checker.getAliasedSymbol(symbol);
    }
    return symbol;
  }

  /** Every part of a type is aio's `CancelledError` or a subclass of it. */
  function onlyCancelledError(type: ts.Type): boolean {
    return (type.isUnion() ? type.types : [type]).every(isCancelledErrorClass);
  }

  /** `uncancel()` called on aio's `Task` (under any alias of the type, or a subclass). */
  function isUncancelCall(node: TSESTree.Node): boolean {
    return (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      aio.isAioSymbol(resolvedSymbol(node.callee.property), ['uncancel'])
    );
  }

  /**
   * `guard(param)` where the guard is aio's `isCancelledError` (under any name, through any
   * re-export), or any function declared as a type guard `(e: unknown) => e is
   * CancelledError` for aio's `CancelledError`. A function of one's own that is merely named
   * `isCancelledError` is not a guard.
   */
  function isCancelledErrorCall(node: TSESTree.Node, param: string | undefined): boolean {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const argument = node.arguments[0];
    if (argument === undefined || !isParam(argument, param)) return false;
    const callee =
      node.callee.type === AST_NODE_TYPES.MemberExpression ? node.callee.property : node.callee;
    if (aio.isAioSymbol(resolvedSymbol(callee), ['isCancelledError'])) return true;
    const signature = checker.getResolvedSignature(services.esTreeNodeToTSNodeMap.get(node));
    const predicate =
      signature === undefined ? undefined : checker.getTypePredicateOfSignature(signature);
    return (
      predicate !== undefined &&
      predicate.kind === ts.TypePredicateKind.Identifier &&
      predicate.parameterIndex === 0 &&
      predicate.type !== undefined &&
      onlyCancelledError(predicate.type)
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

  return { reachableByCancellation, onlyOnCancellation, leavesCatch, isParam, isUncancelCall };
}
