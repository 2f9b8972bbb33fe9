/**
 * Recognising aio's types with the TypeScript checker: futures (and tasks), coroutines,
 * task groups. Every test resolves symbols to their declarations in `@aio/core`, so
 * aliases (`type MyCoro = Coro<number>`), re-exports and generic instantiations are seen
 * through, and another library's `Future` or `Coro` is not mistaken for aio's.
 *
 * A **coroutine** is a generator-like object (it has `next()` and `[Symbol.iterator]()`)
 * whose yield type is, or is a union containing, aio's `Future` (or a subclass such as
 * `Task`) or aio's `Suspension`, and that is not itself a Future (a Future is its own
 * iterator, so that `yield* fut` works). That covers both `Coro<T> = Generator<Future<unknown> |
 * undefined, T, unknown>` and `Coro<T> = Generator<Suspension | undefined, T, unknown>`,
 * as well as unannotated generator functions whose body delegates to aio (`yield* sleep(1)`
 * makes TypeScript infer aio's yield type).
 *
 * @module
 */

import ts from 'typescript';
import { isAioCoreFile } from './aioPackage';

/** The questions the rules ask about a type, answered for one program. */
export interface AioTypeInfo {
  /** The type is (or, for a union or intersection, one of its parts is) an aio coroutine. */
  isCoroutine(type: ts.Type): boolean;
  /** Every part of the type is an aio coroutine (so `yield*` on it is certainly right). */
  isOnlyCoroutine(type: ts.Type): boolean;
  /** The type is (or one of its parts is) aio's `Future` or a subclass (`Task`, ...). */
  isFuture(type: ts.Type): boolean;
  /** The type is (or one of its parts is) aio's `Task` or a subclass. */
  isTask(type: ts.Type): boolean;
  /** The type is an array or tuple with a coroutine among its element types. */
  isCoroutineArray(type: ts.Type): boolean;
  /** Whether a symbol is declared in `@aio/core`, optionally with one of the given names. */
  isAioSymbol(symbol: ts.Symbol | undefined, names?: readonly string[]): boolean;
}

const perChecker = new WeakMap<ts.TypeChecker, AioTypeInfo>();

/**
 * The aio type questions for one type checker (cached: one instance per program).
 *
 * @example
 * ```ts
 * const aio = aioTypeInfo(services.program.getTypeChecker());
 * if (aio.isCoroutine(services.getTypeAtLocation(node))) report();
 * ```
 */
export function aioTypeInfo(checker: ts.TypeChecker): AioTypeInfo {
  let info = perChecker.get(checker);
  if (info === undefined) {
    info = createTypeInfo(checker);
    perChecker.set(checker, info);
  }
  return info;
}

function createTypeInfo(checker: ts.TypeChecker): AioTypeInfo {
  const aioSymbols = new WeakMap<ts.Symbol, boolean>();
  const classVerdicts = new WeakMap<ts.Type, 'future' | 'task' | 'none'>();
  const coroutineVerdicts = new WeakMap<ts.Type, boolean>();

  function isAioSymbol(symbol: ts.Symbol | undefined, names?: readonly string[]): boolean {
    if (symbol === undefined) return false;
    if (names !== undefined && !names.includes(symbol.getName())) return false;
    let verdict = aioSymbols.get(symbol);
    if (verdict === undefined) {
      const declarations = symbol.getDeclarations() ?? [];
      verdict = declarations.some((d) => isAioCoreFile(d.getSourceFile().fileName));
      aioSymbols.set(symbol, verdict);
    }
    return verdict;
  }

  /** The parts of a type: union and intersection members, type parameters by constraint. */
  function parts(type: ts.Type): ts.Type[] {
    const out: ts.Type[] = [];
    const stack = [type];
    const seen = new Set<ts.Type>();
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (seen.has(t)) continue;
      seen.add(t);
      if (t.isUnionOrIntersection()) {
        for (const member of t.types) stack.push(member);
      } else if (t.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.Index)) {
        const constraint = checker.getBaseConstraintOfType(t);
        if (constraint !== undefined && constraint !== t) stack.push(constraint);
      } else {
        out.push(t);
      }
    }
    return out;
  }

  /** For a single (non-union) object type: is it a class deriving from aio's Future/Task? */
  function futureClassOf(type: ts.Type): 'future' | 'task' | 'none' {
    const cached = classVerdicts.get(type);
    if (cached !== undefined) return cached;
    let verdict: 'future' | 'task' | 'none' = 'none';
    if (type.flags & ts.TypeFlags.Object) {
      const start =
        (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference
          ? (type as ts.TypeReference).target
          : type;
      // Walk the base-class chain (an explicit stack: interfaces may have several bases).
      const stack: ts.Type[] = [start];
      const seen = new Set<ts.Type>();
      while (stack.length > 0) {
        const t = stack.pop()!;
        if (seen.has(t)) continue;
        seen.add(t);
        const symbol = t.getSymbol();
        if (isAioSymbol(symbol, ['Task'])) {
          verdict = 'task';
          break;
        }
        if (isAioSymbol(symbol, ['Future'])) verdict = 'future';
        if (
          symbol !== undefined &&
          symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface) &&
          (t as ts.ObjectType).objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Interface)
        ) {
          for (const base of checker.getBaseTypes(t as ts.InterfaceType)) {
            stack.push(
              (base as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference
                ? (base as ts.TypeReference).target
                : base,
            );
          }
        }
      }
    }
    classVerdicts.set(type, verdict);
    return verdict;
  }

  function isSuspension(type: ts.Type): boolean {
    return (
      isAioSymbol(type.getSymbol(), ['Suspension']) || isAioSymbol(type.aliasSymbol, ['Suspension'])
    );
  }

  /**
   * A yield type that only aio produces: a union containing a Future or a Suspension. The
   * alias `Suspension` is looked for before a type is split into its members, since a
   * branded alias (`object & { [brand]: ... }`) is an intersection whose parts are not it.
   */
  function isAioYieldType(type: ts.Type): boolean {
    const stack = [type];
    const seen = new Set<ts.Type>();
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (seen.has(t)) continue;
      seen.add(t);
      if (isSuspension(t)) return true;
      if (t.isUnion()) stack.push(...t.types);
      else if (parts(t).some((p) => isSuspension(p) || futureClassOf(p) !== 'none')) return true;
    }
    return false;
  }

  function propertyType(type: ts.Type, name: string, at: ts.Node): ts.Type | undefined {
    const symbol = type.getProperty(name);
    return symbol === undefined ? undefined : checker.getTypeOfSymbolAtLocation(symbol, at);
  }

  /** For a single (non-union) type: a generator-like object yielding aio's futures. */
  function isCoroutineObject(type: ts.Type): boolean {
    if (!(type.flags & ts.TypeFlags.Object)) return false;
    const cached = coroutineVerdicts.get(type);
    if (cached !== undefined) return cached;
    coroutineVerdicts.set(type, false); // a self-referential type answers no while in progress
    const verdict = computeIsCoroutineObject(type);
    coroutineVerdicts.set(type, verdict);
    return verdict;
  }

  function computeIsCoroutineObject(type: ts.Type): boolean {
    // A Future is its own iterator (`next`/`throw`/`return` make `yield* fut` work), but it is
    // already scheduled: not a coroutine waiting to be run.
    if (futureClassOf(type) !== 'none') return false;
    const nextSymbol = type.getProperty('next');
    const declaration = nextSymbol?.valueDeclaration ?? nextSymbol?.declarations?.[0];
    if (nextSymbol === undefined || declaration === undefined) return false;
    const hasIterator = type
      .getProperties()
      .some((p) => (p.getEscapedName() as string).startsWith('__@iterator'));
    if (!hasIterator) return false;
    const nextType = checker.getTypeOfSymbolAtLocation(nextSymbol, declaration);
    for (const signature of nextType.getCallSignatures()) {
      // `next()` returns IteratorResult<Y, R> = IteratorYieldResult<Y> | IteratorReturnResult<R>:
      // the yield type is `value` of the member whose `done` can only be false.
      for (const result of parts(checker.getReturnTypeOfSignature(signature))) {
        const done = propertyType(result, 'done', declaration);
        if (done === undefined || !canOnlyBeFalse(done)) continue;
        const value = propertyType(result, 'value', declaration);
        if (value !== undefined && isAioYieldType(value)) return true;
      }
    }
    return false;
  }

  function canOnlyBeFalse(type: ts.Type): boolean {
    let sawFalse = false;
    for (const t of parts(type)) {
      if (t.flags & ts.TypeFlags.Undefined) continue;
      if (t.flags & ts.TypeFlags.BooleanLiteral && checker.typeToString(t) === 'false') {
        sawFalse = true;
        continue;
      }
      return false;
    }
    return sawFalse;
  }

  const isCoroutine = (type: ts.Type) => parts(type).some(isCoroutineObject);

  return {
    isAioSymbol,
    isCoroutine,
    isOnlyCoroutine(type) {
      const all = parts(type);
      return all.length > 0 && all.every(isCoroutineObject);
    },
    isFuture: (type) => parts(type).some((t) => futureClassOf(t) !== 'none'),
    isTask: (type) => parts(type).some((t) => futureClassOf(t) === 'task'),
    isCoroutineArray(type) {
      return parts(type).some((t) => {
        if (!checker.isArrayType(t) && !checker.isTupleType(t)) return false;
        return checker.getTypeArguments(t as ts.TypeReference).some(isCoroutine);
      });
    },
  };
}
