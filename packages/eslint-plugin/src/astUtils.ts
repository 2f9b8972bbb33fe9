/**
 * Syntax helpers shared by the rules: the function a node runs in, yields inside a block,
 * and names from `@aio/core` that a suggestion may insert (with the import it needs).
 *
 * @module
 */

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { AIO_CORE } from './aioPackage';

/** A function node: declaration, expression or arrow. */
export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

/**
 * Whether a node is a function (declaration, expression or arrow).
 *
 * @example
 * ```ts
 * isFunction(node) && node.generator;
 * ```
 */
export function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/**
 * The innermost function a node runs in, or undefined at module (or script) level.
 *
 * @example
 * ```ts
 * const fn = enclosingFunction(node);
 * const inCoroutine = fn?.generator === true && !fn.async;
 * ```
 */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let n: TSESTree.Node | undefined = node.parent; n != null; n = n.parent) {
    if (isFunction(n)) return n;
  }
  return undefined;
}

/**
 * Whether a node runs directly in a synchronous generator function (where `yield*` may be
 * written), not in a function nested inside one.
 *
 * @example
 * ```ts
 * if (inSyncGenerator(node)) suggest('yield* ');
 * ```
 */
export function inSyncGenerator(node: TSESTree.Node): boolean {
  const fn = enclosingFunction(node);
  return fn?.generator === true && !fn.async;
}

/**
 * Whether a subtree contains a `yield` or `yield*` that belongs to the function it is in
 * (nested functions are not searched). Iterative: no recursion that grows with the tree.
 *
 * @example
 * ```ts
 * containsYield(tryStatement.block); // true for `try { yield* sleep(1); } ...`
 * ```
 */
export function containsYield(root: TSESTree.Node): boolean {
  let found = false;
  walkOwnBody(root, (node) => {
    if (node.type === AST_NODE_TYPES.YieldExpression) found = true;
    return found;
  });
  return found;
}

/**
 * Visits every node of a subtree except the insides of nested functions and classes, in
 * source order, until `visit` returns true.
 *
 * @example
 * ```ts
 * walkOwnBody(catchClause.body, (n) => n.type === AST_NODE_TYPES.ThrowStatement);
 * ```
 */
export function walkOwnBody(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node)) return;
    if (node !== root && (isFunction(node) || isClass(node))) continue;
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

function isClass(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression
  );
}

/** The child nodes of a node, in source order (every property holding nodes, but `parent`). */
function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'parent') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

function isNode(value: unknown): value is TSESTree.Node {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { type?: unknown }).type === 'string' &&
    Array.isArray((value as { range?: unknown }).range)
  );
}

/** A name from `@aio/core` usable at some place, and the import edits it needs. */
export interface AioName {
  /** What to write at the place: `createTask`, `spawn` (an alias), or `aio.createTask`. */
  text: string;
  /** The edits that make `text` resolve (none when it is imported already). */
  imports(fixer: TSESLint.RuleFixer): TSESLint.RuleFix[];
}

/**
 * How to refer to an export of `@aio/core` at a node, for a suggestion: the local name it
 * is imported as, or `ns.name` through a namespace import, or the bare name plus an edit
 * that adds it to the module's imports. Undefined when the name is taken by something else
 * in scope (a suggestion must never produce code that means something else).
 *
 * @example
 * ```ts
 * const run = aioName(context.sourceCode, node, 'run');
 * if (run) fix = (fixer) => [...run.imports(fixer), fixer.insertTextBefore(arg, `${run.text}(`)];
 * ```
 */
export function aioName(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  exported: string,
): AioName | undefined {
  const program = sourceCode.ast;
  const aioImports = program.body.filter(
    (s): s is TSESTree.ImportDeclaration =>
      s.type === AST_NODE_TYPES.ImportDeclaration && s.source.value === AIO_CORE,
  );
  const none = () => [];

  // 1. Imported already (possibly renamed), and that local name is not shadowed here.
  for (const declaration of aioImports) {
    if (declaration.importKind === 'type') continue;
    for (const specifier of declaration.specifiers) {
      if (
        specifier.type === AST_NODE_TYPES.ImportSpecifier &&
        specifier.importKind !== 'type' &&
        importedName(specifier) === exported &&
        resolvesToModuleLevel(sourceCode, node, specifier.local.name)
      ) {
        return { text: specifier.local.name, imports: none };
      }
      if (
        specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier &&
        resolvesToModuleLevel(sourceCode, node, specifier.local.name)
      ) {
        return { text: `${specifier.local.name}.${exported}`, imports: none };
      }
    }
  }

  // 2. Not imported: the bare name must be free everywhere from here up to the module.
  if (isDeclaredInScope(sourceCode, node, exported)) return undefined;
  const named = aioImports.find(
    (d) =>
      d.importKind !== 'type' &&
      d.specifiers.length > 0 &&
      d.specifiers.every((s) => s.type === AST_NODE_TYPES.ImportSpecifier),
  );
  if (named !== undefined) {
    const last = named.specifiers[named.specifiers.length - 1]!;
    return {
      text: exported,
      imports: (fixer) => [fixer.insertTextAfter(last, `, ${exported}`)],
    };
  }
  const lastImport = [...program.body]
    .reverse()
    .find((s) => s.type === AST_NODE_TYPES.ImportDeclaration);
  const line = `import { ${exported} } from '${AIO_CORE}';`;
  return {
    text: exported,
    imports: (fixer) => [
      lastImport === undefined
        ? fixer.insertTextBeforeRange([0, 0], `${line}\n`)
        : fixer.insertTextAfter(lastImport, `\n${line}`),
    ],
  };
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier
    ? specifier.imported.name
    : specifier.imported.value;
}

/** Finds the variable a name resolves to at a node (innermost scope first). */
function lookup(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  name: string,
): TSESLint.Scope.Variable | undefined {
  for (
    let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node);
    scope;
    scope = scope.upper
  ) {
    const variable = scope.set.get(name);
    if (variable !== undefined) return variable;
  }
  return undefined;
}

/** The name resolves, at this node, to a declaration of the module scope (an import). */
function resolvesToModuleLevel(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  name: string,
): boolean {
  const variable = lookup(sourceCode, node, name);
  return variable?.defs.some((d) => d.type === 'ImportBinding') === true;
}

function isDeclaredInScope(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  name: string,
): boolean {
  const variable = lookup(sourceCode, node, name);
  return variable !== undefined && variable.defs.length > 0;
}
