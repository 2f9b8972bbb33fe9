/**
 * Hand-written coroutines: small classes that implement the generator protocol
 * the task drives (`next`, `throw`, `return`) for the hottest operations
 * (`sleep`, `Queue.get`/`put`), because creating and resuming a generator object
 * costs as much as the rest of such an operation.
 *
 * @internal
 * @module
 */

const GeneratorPrototype = Object.getPrototypeOf(function* () {}).prototype as object;

/**
 * Makes instances of `cls` coroutines as far as anyone can tell: the prototype
 * chain is a generator's, so `Object.prototype.toString` says '[object
 * Generator]' and `createTask(op)`, `gather(op)`, `waitFor(op, ms)` accept them.
 * Call it as `const Op = /* @__PURE__ *\/ adoptGeneratorPrototype(OpImpl)`: the
 * annotation lets bundlers drop an op class nobody uses.
 *
 * @internal
 */
export function adoptGeneratorPrototype<C extends { prototype: object }>(cls: C): C {
  Object.setPrototypeOf(cls.prototype, GeneratorPrototype);
  return cls;
}
