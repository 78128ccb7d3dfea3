// What each way out of a function looks like, which decides how its error can be recorded without
// changing what is returned: `return nil, err` (record err), `return nil, fmt.Errorf("...: %w", err)`
// inside `if err != nil` (record the cause), `return nil, errors.New("...")` (hoist the new error into a
// variable), `return s.gateway.Charge(ctx, v)` (a tail call: only the unsafe split or a deferred
// recorder can see its error), `panic(...)`.
import type { Node } from '../parser.js';
import { declaredNames, type GoFunction } from './function-model.js';
import type { ImportPlan } from './imports.js';
import { lineOf } from './syntax.js';

export type ExitShape =
  /** The error result is `nil` (or the function returns no error). */
  | { kind: 'success' }
  /** `return` with named results: what it returns is not visible here. */
  | { kind: 'bare' }
  /** The error is a plain value (`err`, `ErrNotFound`, `e.cause`); `nonNil` when a guard or its name proves it. */
  | { kind: 'value'; error: Node; nonNil: boolean }
  /** A new error wrapping `cause`, which is known to be non-nil here (`fmt.Errorf("x: %w", err)` in `if err != nil`). */
  | { kind: 'cause'; error: Node; cause: string }
  /** A new error from a known constructor or a composite literal (`errors.New`, `&NotFoundError{...}`): hoistable when the other operands have no side effects. */
  | { kind: 'construct'; error: Node; nonNil: boolean }
  /** The error comes out of a call that does work (`return s.gateway.Charge(ctx, v)`), or an expression we cannot see through. */
  | { kind: 'call'; error: Node }
  /** `return f()` where f returns all the results. */
  | { kind: 'spread'; call: Node }
  | { kind: 'panic'; argument: Node | null };

export interface Exit {
  /** The return statement or the panic's expression statement. */
  node: Node;
  line: number;
  operands: Node[];
  shape: ExitShape;
}

interface ShapeContext {
  fn: GoFunction;
  imports: ImportPlan;
  /** Package-level variables of the file (sentinel errors among them). */
  packageVars: ReadonlySet<string>;
}

const SIDE_EFFECT_FREE = new Set([
  'identifier',
  'nil',
  'true',
  'false',
  'iota',
  'int_literal',
  'float_literal',
  'imaginary_literal',
  'rune_literal',
  'interpreted_string_literal',
  'raw_string_literal',
  'field_identifier',
  'type_identifier',
  'qualified_type',
  'package_identifier',
]);

/** An expression whose evaluation has no side effects, so moving another operand before it is invisible. */
export function sideEffectFree(node: Node): boolean {
  if (SIDE_EFFECT_FREE.has(node.type)) return true;
  switch (node.type) {
    case 'selector_expression':
    case 'parenthesized_expression':
    case 'composite_literal':
    case 'literal_value':
    case 'keyed_element':
    case 'literal_element':
    case 'binary_expression':
      return node.namedChildren.filter((c) => c.type !== 'comment').every(sideEffectFree);
    case 'unary_expression': {
      const op = node.childForFieldName('operator')?.text ?? node.child(0)?.text;
      return op !== '<-' && node.namedChildren.every(sideEffectFree);
    }
    default:
      return node.type.endsWith('_type');
  }
}

/** Constructors of new errors: those that can return nil (`errors.Join()`, `status.Error(codes.OK, ..)`) say so. */
const CONSTRUCTORS: { path: (p: string) => boolean; names: Record<string, 'non-nil' | 'maybe-nil'> }[] = [
  { path: (p) => p === 'fmt', names: { Errorf: 'non-nil' } },
  { path: (p) => p === 'errors', names: { New: 'non-nil', Join: 'maybe-nil' } },
  {
    path: (p) => p === 'github.com/pkg/errors',
    names: {
      New: 'non-nil',
      Errorf: 'non-nil',
      Wrap: 'maybe-nil',
      Wrapf: 'maybe-nil',
      WithMessage: 'maybe-nil',
      WithMessagef: 'maybe-nil',
      WithStack: 'maybe-nil',
    },
  },
  // nil only for codes.OK: non-nil whenever the code is written as another constant (see grpcCode).
  { path: (p) => p === 'google.golang.org/grpc/status', names: { Error: 'maybe-nil', Errorf: 'maybe-nil' } },
  { path: (p) => /^github\.com\/labstack\/echo(\/v\d+)?$/.test(p), names: { NewHTTPError: 'non-nil' } },
];

function constructorKind(call: Node, imports: ImportPlan): 'non-nil' | 'maybe-nil' | null {
  const fnNode = call.childForFieldName('function');
  if (fnNode?.type !== 'selector_expression') return null;
  const pkg = fnNode.childForFieldName('operand');
  const name = fnNode.childForFieldName('field')?.text ?? '';
  if (pkg?.type !== 'identifier') return null;
  for (const c of CONSTRUCTORS) {
    const kind = c.names[name];
    if (kind && imports.namesOf(c.path).includes(pkg.text))
      return kind === 'maybe-nil' && notOkCode(call) ? 'non-nil' : kind;
  }
  return null;
}

/** `status.Error(codes.NotFound, ...)`: a gRPC code written as a constant other than OK. */
function notOkCode(call: Node): boolean {
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  return (
    first?.type === 'selector_expression' &&
    /^\p{Lu}/u.test(first.childForFieldName('field')?.text ?? '') &&
    first.childForFieldName('field')?.text !== 'OK'
  );
}

/** `err != nil` or `errors.Is(err, ErrX)` / `errors.As(err, &target)`, possibly among `&&` terms. */
function testsNonNil(condition: string, name: string): boolean {
  const matchesError = new RegExp(`^errors\\.(Is|As)\\(${name},`);
  return condition
    .split('&&')
    .map((t) =>
      t
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^\((.*)\)$/, '$1'),
    )
    .some(
      (t) => t === `${name} != nil` || t === `nil != ${name}` || matchesError.test(t.replace(/\s+/g, '')),
    );
}

/** True when every path to `node` passes a test proving `name` is not nil. */
function guardedNonNil(node: Node, name: string, fn: GoFunction): boolean {
  let child = node;
  for (let n = node.parent; n && n.id !== fn.body.id; child = n, n = n.parent) {
    if (n.type === 'if_statement') {
      const condition = n.childForFieldName('condition')?.text ?? '';
      const consequence = n.childForFieldName('consequence');
      const alternative = n.childForFieldName('alternative');
      if (consequence?.id === child.id && testsNonNil(condition, name)) return true;
      if (alternative?.id === child.id && condition.replace(/\s+/g, ' ').trim() === `${name} == nil`)
        return true;
    }
    if (
      n.type === 'expression_case' &&
      n.parent?.type === 'expression_switch_statement' &&
      !n.parent.childForFieldName('value')
    ) {
      if (testsNonNil(n.childForFieldName('value')?.text ?? '', name)) return true;
    }
  }
  return false;
}

function isPlainValue(node: Node): boolean {
  if (node.type === 'identifier') return true;
  if (node.type === 'parenthesized_expression') return node.namedChildren.every(isPlainValue);
  return node.type === 'selector_expression' && isPlainValue(node.childForFieldName('operand') as Node);
}

/** `ErrNotFound`, `orders.ErrNotFound`, or an `err...` package variable of this file: sentinels are never nil. */
function isSentinel(node: Node, ctx: ShapeContext): boolean {
  if (node.type === 'selector_expression')
    return /^Err[\p{Lu}\p{Nd}_]/u.test(node.childForFieldName('field')?.text ?? '');
  if (node.type !== 'identifier' || isLocal(node.text, ctx.fn)) return false;
  return (
    /^Err[\p{Lu}\p{Nd}_]/u.test(node.text) ||
    (ctx.packageVars.has(node.text) && /^err\p{Lu}/u.test(node.text))
  );
}

function isLocal(name: string, fn: GoFunction): boolean {
  return declaredNames(fn).has(name);
}

function shapeOfError(error: Node, exit: Node, operands: Node[], ctx: ShapeContext): ExitShape {
  if (error.type === 'nil') return { kind: 'success' };
  if (isPlainValue(error)) {
    const nonNil =
      isSentinel(error, ctx) || (error.type === 'identifier' && guardedNonNil(exit, error.text, ctx.fn));
    return { kind: 'value', error, nonNil };
  }
  const call = error.type === 'call_expression' ? error : null;
  const made = call ? constructorKind(call, ctx.imports) : null;
  if (call && made) {
    // A wrapped error known to be non-nil (a checked `err`, a sentinel) is the cause to record in place.
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const cause = args.find(
      (a) =>
        (a.type === 'identifier' && guardedNonNil(exit, a.text, ctx.fn)) ||
        (isPlainValue(a) && isSentinel(a, ctx)),
    );
    if (cause) return { kind: 'cause', error, cause: cause.text };
    // Hoisting moves only this operand before the return: its own arguments keep their order.
    return { kind: 'construct', error, nonNil: made === 'non-nil' };
  }
  const composite = error.type === 'unary_expression' ? error.namedChildren[0] : error;
  if (composite?.type === 'composite_literal') return { kind: 'construct', error, nonNil: true };
  if (operands.length === 1 && call && ctx.fn.results.length > 1) return { kind: 'spread', call };
  return { kind: 'call', error };
}

/** Every return and explicit `panic(...)` of the function itself (not of function literals inside it). */
export function exitsOf(fn: GoFunction, imports: ImportPlan, packageVars: ReadonlySet<string>): Exit[] {
  const ctx: ShapeContext = { fn, imports, packageVars };
  const errorResult = fn.results[fn.results.length - 1]?.type === 'error';
  const exits: Exit[] = [];
  for (const ret of fn.index.returns) {
    const list = ret.namedChildren.find((c) => c.type === 'expression_list');
    const operands = list ? list.namedChildren.filter((c) => c.type !== 'comment') : [];
    let shape: ExitShape;
    if (operands.length === 0)
      shape = fn.results.some((r) => r.name !== null) ? { kind: 'bare' } : { kind: 'success' };
    else if (!errorResult) shape = { kind: 'success' };
    else if (operands.length === 1 && fn.results.length > 1) {
      const only = operands[0] as Node;
      shape =
        only.type === 'call_expression' ? { kind: 'spread', call: only } : { kind: 'call', error: only };
    } else shape = shapeOfError(operands[operands.length - 1] as Node, ret, operands, ctx);
    exits.push({ node: ret, line: lineOf(ret), operands, shape });
  }
  for (const statement of fn.index.panics) {
    const argument = statement.namedChildren[0]?.childForFieldName('arguments')?.namedChildren[0] ?? null;
    exits.push({
      node: statement,
      line: lineOf(statement),
      operands: [],
      shape: { kind: 'panic', argument },
    });
  }
  return exits.sort((a, b) => a.node.startIndex - b.node.startIndex);
}
