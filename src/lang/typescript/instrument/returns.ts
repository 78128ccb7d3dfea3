// The function's own `return`s, rewritten inside the span: in an async callback a returned promise is
// awaited (so the catch sees its rejection and the span ends when it settles, not when it is handed
// back), and with an outcome attribute the success value is computed first and the attribute set before
// it is returned. Values and order of evaluation are unchanged.
import type Parser from 'tree-sitter';
import { forwardedError } from '../express-next.js';
import { FUNCTION_TYPES } from './locate.js';

type Node = Parser.SyntaxNode;

/** What a rewritten `return X` becomes; the caller lays the pieces out (same line or new lines). */
export interface ReturnParts {
  /** Statements before the return (already terminated). */
  before: string[];
  /** Replaces `return ` up to the expression: `return `, `return await (`, `const result = await `. */
  prefix: string;
  /** Right after the expression: `)` when the prefix opened one. */
  close: string;
  /** Statements after it (`span.setAttribute(...)`, `return result`). */
  after: string[];
  /** The expression's value was bound to a fresh name. */
  bound: boolean;
  /** `next(new E())` hands on a constant bound before it: the argument's replacement. */
  argument?: { start: number; end: number; text: string } | null;
}

export interface ReturnStyle {
  async: boolean;
  /** Parameters whose methods never return promises (an HTTP response: `res.status(400).json(...)`). */
  syncReceivers: ReadonlySet<string>;
  /**
   * A call that hands an error to the framework instead of throwing it (Express's `next(err)`): the span
   * is marked failed with `statements(error)` before it, and it is not a success.
   */
  handoff: {
    callee: string;
    statements: (error: string) => string[];
    /** A fresh constant name for an error expression evaluated once (a new one each call). */
    bind: () => string;
  } | null;
  /** `span.setAttribute('business.outcome', 'success');` or null. */
  outcome: string | null;
  /** Positions control may reach after an error was handed off (see afterHandoff): no outcome there. */
  afterHandoff?: ((pos: number) => boolean) | null;
  result: string;
  /** Annotation for the bound value (`Payment` from `Promise<Payment>`), TypeScript only. */
  resultType: string | null;
  semicolon: string;
}

/** Nodes of the given types in `fn` itself (not in functions nested in it) that `wanted` picks, in order. */
export function ownStatements(fn: Node, types: string[], wanted: (node: Node) => boolean): Node[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const nested = body
    .descendantsOfType(FUNCTION_TYPES)
    .map((n) => ({ start: n.startIndex, end: n.endIndex }));
  return body
    .descendantsOfType(types)
    .filter((n) => !nested.some((r) => n.startIndex >= r.start && n.startIndex < r.end) && wanted(n));
}

/** The error of `next(err)` when `call` is that hand-off, else null (see express-next.ts). */
export function handedOffError(call: Node | null, callee: string | null): Node | null {
  return forwardedError(call, callee);
}

/**
 * What marks the span failed before `next(<error>)`. An error that is a name or a property read is used
 * as it is; anything else (`new HttpError(404)`) is evaluated once, into a fresh constant handed to both.
 * Null when that expression spans lines (moving it would disturb its layout).
 */
export function handoffParts(
  error: Node,
  handoff: NonNullable<ReturnStyle['handoff']>,
  semicolon: string,
): { before: string[]; argument: { start: number; end: number; text: string } | null } | null {
  if (isPlainReference(error)) return { before: handoff.statements(error.text), argument: null };
  if (error.text.includes('\n')) return null;
  const name = handoff.bind();
  return {
    before: [`const ${name} = ${error.text}${semicolon}`, ...handoff.statements(name)],
    argument: { start: error.startIndex, end: error.endIndex, text: name },
  };
}

/** `err`, `result.error`, `this.lastError`: reading it again gives the same value. */
function isPlainReference(node: Node): boolean {
  if (node.type === 'identifier' || node.type === 'this') return true;
  if (node.type !== 'member_expression') return false;
  const object = node.childForFieldName('object');
  const property = node.childForFieldName('property');
  return !!object && property?.type === 'property_identifier' && isPlainReference(object);
}

export function returnExpression(ret: Node): Node | null {
  return ret.namedChildren.find((c) => c.type !== 'comment') ?? null;
}

/** `return Promise.reject(err)`: a failure exit, not a success. */
function isRejection(expr: Node | null): boolean {
  return expr !== null && /^Promise\s*\.\s*reject\s*\(/.test(expr.text);
}

export function returnParts(expr: Node | null, style: ReturnStyle): ReturnParts {
  const parts: ReturnParts = { before: [], prefix: 'return ', close: '', after: [], bound: false };
  if (!expr) {
    if (style.outcome) parts.before.push(style.outcome);
    parts.prefix = 'return';
    return parts;
  }
  const handedOff = handedOffError(expr, style.handoff?.callee ?? null);
  if (handedOff !== null && style.handoff) {
    const handoff = handoffParts(handedOff, style.handoff, style.semicolon);
    if (handoff) {
      parts.before.push(...handoff.before);
      parts.argument = handoff.argument;
    }
    return parts;
  }
  const rejection = isRejection(expr);
  const awaitIt =
    style.async &&
    !alreadyAwaited(expr) &&
    !isPlainValue(expr) &&
    !neverAPromise(expr) &&
    !isKnownSyncCall(expr, style.syncReceivers);
  const paren = awaitIt && !bindsTighterThanAwait(expr);
  const awaited = awaitIt ? (paren ? 'await (' : 'await ') : '';
  parts.close = paren ? ')' : '';
  if (!style.outcome || rejection) {
    parts.prefix = `return ${awaited}`;
    return parts;
  }
  if (isPlainValue(expr)) {
    parts.before.push(style.outcome);
    return parts;
  }
  const annotation = style.resultType ? `: ${style.resultType}` : '';
  // `const r = a, b` would declare `b`: a sequence needs its parentheses even without await.
  if (!paren && expr.type === 'sequence_expression') {
    parts.prefix = `const ${style.result}${annotation} = (`;
    parts.close = ')';
  } else parts.prefix = `const ${style.result}${annotation} = ${awaited}`;
  parts.after.push(style.outcome, `return ${style.result}${style.semicolon}`);
  parts.bound = true;
  return parts;
}

const NEVER_PROMISES = new Set([
  'object',
  'array',
  'template_string',
  'arrow_function',
  'function_expression',
  'class',
  'regex',
]);

/** Literals and arithmetic build new values that cannot be promises, whatever they contain. */
function neverAPromise(expr: Node): boolean {
  if (NEVER_PROMISES.has(expr.type)) return true;
  if (expr.type !== 'binary_expression') return false;
  const operator = expr.childForFieldName('operator')?.type ?? '';
  return !['||', '&&', '??'].includes(operator);
}

/** `await x`, `(await x) as T`: nothing left to await. */
function alreadyAwaited(expr: Node): boolean {
  let node: Node | null = expr;
  while (node && WRAPPERS.has(node.type)) node = node.namedChildren.find((c) => c.type !== 'comment') ?? null;
  return node?.type === 'await_expression';
}

const WRAPPERS = new Set([
  'parenthesized_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
]);

// Calls that never return a promise: awaiting their result would only add noise.
const SYNC_METHODS = new Set([
  'join',
  'map',
  'filter',
  'slice',
  'concat',
  'reduce',
  'some',
  'every',
  'includes',
  'indexOf',
  'sort',
  'flat',
  'flatMap',
  'toFixed',
  'toString',
  'toISOString',
  'trim',
  'trimStart',
  'trimEnd',
  'split',
  'replace',
  'replaceAll',
  'toUpperCase',
  'toLowerCase',
  'padStart',
  'padEnd',
  'startsWith',
  'endsWith',
  'repeat',
  'at',
  'charAt',
]);
const SYNC_FUNCTIONS =
  /^(JSON\.(stringify|parse)|String|Number|Boolean|Object\.(keys|values|entries|assign|freeze|fromEntries)|Array\.(from|of|isArray)|Math\.\w+|Date\.now)$/;

function isKnownSyncCall(expr: Node, receivers: ReadonlySet<string>): boolean {
  if (expr.type !== 'call_expression') return false;
  const callee = expr.childForFieldName('function');
  if (!callee) return false;
  const root = /^[\p{ID_Start}$_][\p{ID_Continue}$]*/u.exec(callee.text)?.[0];
  if (root && receivers.has(root)) return true;
  if (callee.type === 'member_expression') {
    const method = callee.childForFieldName('property')?.text ?? '';
    if (SYNC_METHODS.has(method)) return true;
  }
  return SYNC_FUNCTIONS.test(callee.text.replace(/\s+/g, ''));
}

const PLAIN = new Set([
  'identifier',
  'this',
  'number',
  'string',
  'true',
  'false',
  'null',
  'undefined',
  'regex',
  'arrow_function',
  'function_expression',
  'property_identifier',
  'shorthand_property_identifier',
]);
const PLAIN_CONTAINERS = new Set([
  'member_expression',
  'subscript_expression',
  'object',
  'array',
  'pair',
  'spread_element',
  'parenthesized_expression',
  'binary_expression',
  'unary_expression',
  'ternary_expression',
  'template_string',
  'template_substitution',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'computed_property_name',
]);

/**
 * A value whose evaluation runs no code of its own: names, literals, property reads, and objects, arrays
 * and operators made of those. Setting the outcome before returning it cannot be premature.
 */
function isPlainValue(expr: Node, depth = 0): boolean {
  if (depth > 12) return false;
  if (PLAIN.has(expr.type)) return true;
  if (!PLAIN_CONTAINERS.has(expr.type)) return false;
  if (expr.type === 'unary_expression' && /^delete\b/.test(expr.text)) return false;
  return expr.namedChildren.every((c) => c.type === 'comment' || isTypeNode(c) || isPlainValue(c, depth + 1));
}

function isTypeNode(node: Node): boolean {
  return /type|_annotation$/.test(node.type) && node.type !== 'typeof';
}

const TIGHT = new Set([
  'identifier',
  'this',
  'number',
  'string',
  'template_string',
  'true',
  'false',
  'null',
  'undefined',
  'call_expression',
  'member_expression',
  'subscript_expression',
  'new_expression',
  'parenthesized_expression',
  'array',
  'object',
  'await_expression',
]);

/** `await X` means `await (X)` only for these; `await a ? b : c` would await `a` alone. */
function bindsTighterThanAwait(expr: Node): boolean {
  return TIGHT.has(expr.type);
}

const STATEMENT_LISTS = new Set([
  'statement_block',
  'switch_case',
  'switch_default',
  'program',
  'class_static_block',
]);

/**
 * A statement that is the whole body of an `if`/`else`/loop needs braces for statements inserted beside
 * it; so does a declaration in a `case`, whose scope would be the whole switch.
 */
export function needsBraces(statement: Node, declares: boolean): boolean {
  const parent = statement.parent;
  if (parent === null) return false;
  if (declares && (parent.type === 'switch_case' || parent.type === 'switch_default')) return true;
  return !STATEMENT_LISTS.has(parent.type);
}

/** Whether control can never fall off the end of `statement` (it returns or throws on every branch). */
export function alwaysExits(statement: Node | null, depth = 0): boolean {
  if (!statement || depth > 24) return false;
  switch (statement.type) {
    case 'return_statement':
    case 'throw_statement':
      return true;
    case 'statement_block':
      return alwaysExits(lastStatement(statement), depth + 1);
    case 'if_statement': {
      const alternative = statement.childForFieldName('alternative');
      const otherwise = alternative ? lastStatement(alternative) : null;
      return (
        alwaysExits(statement.childForFieldName('consequence'), depth + 1) &&
        alwaysExits(otherwise, depth + 1)
      );
    }
    case 'try_statement': {
      const finalizer = statement.childForFieldName('finalizer');
      if (
        finalizer &&
        alwaysExits(finalizer.childForFieldName('body') ?? lastStatement(finalizer), depth + 1)
      )
        return true;
      const handler = statement.childForFieldName('handler');
      return (
        alwaysExits(statement.childForFieldName('body'), depth + 1) &&
        (!handler || alwaysExits(handler.childForFieldName('body'), depth + 1))
      );
    }
    case 'switch_statement': {
      const cases =
        statement.childForFieldName('body')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
      if (!cases.some((c) => c.type === 'switch_default')) return false;
      // Each group of cases must end by leaving the function (a fall-through label has no statements).
      return cases.every((c, i) => {
        const own = c.namedChildren.filter(
          (s) =>
            s.type !== 'comment' && s.startIndex > (c.childForFieldName('value')?.endIndex ?? c.startIndex),
        );
        if (own.length === 0) return i < cases.length - 1;
        return alwaysExits(own[own.length - 1] as Node, depth + 1);
      });
    }
    default:
      return false;
  }
}

function lastStatement(block: Node): Node | null {
  for (let child = block.lastNamedChild; child; child = child.previousNamedSibling) {
    if (child.type !== 'comment') return child;
  }
  return null;
}

const LOOPS = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);

/**
 * Where control may arrive after `fn` handed an error to `callee` (`next(err)`) and went on: no success
 * there. After `return next(err)` nowhere; after `next(err); return;` the rest of that block; in a loop
 * the whole body; else everything after the call. Textual order stands for control flow, which holds in
 * a body without loops (`if (e) return next(e)` earlier does not reach a later return).
 */
export function afterHandoff(fn: Node, callee: string): (pos: number) => boolean {
  const body = fn.childForFieldName('body');
  if (!body) return () => false;
  const reach: { start: number; end: number }[] = [];
  for (const call of ownStatements(fn, ['call_expression'], (n) => handedOffError(n, callee) !== null)) {
    let statement: Node = call;
    while (statement.parent && statement.parent.startIndex >= body.startIndex && !isStatement(statement))
      statement = statement.parent;
    if (statement.type === 'return_statement' && returnExpression(statement)?.startIndex === call.startIndex)
      continue;
    if (inLoop(call, body)) {
      reach.push({ start: body.startIndex, end: body.endIndex });
      continue;
    }
    const block = statement.parent;
    let exits = false;
    if (block?.type === 'statement_block') {
      for (let s: Node | null = statement.nextNamedSibling; s && !exits; s = s.nextNamedSibling)
        exits = alwaysExits(s);
    }
    reach.push({ start: call.endIndex, end: exits && block ? block.endIndex : body.endIndex });
  }
  return (pos) => reach.some((r) => pos >= r.start && pos < r.end);
}

function isStatement(node: Node): boolean {
  return /_statement$|_declaration$/.test(node.type);
}

function inLoop(node: Node, body: Node): boolean {
  for (let n = node.parent; n && n.startIndex >= body.startIndex; n = n.parent) {
    if (n.id === body.id) return false;
    if (LOOPS.has(n.type)) return true;
  }
  return false;
}

/** An error handed to `next(...)` as an expression over several lines, which the span cannot record. */
export function unmovableHandoff(fn: Node, callee: string): string | null {
  const probe = { callee, statements: () => [], bind: () => 'e' };
  for (const call of ownStatements(fn, ['call_expression'], (n) => handedOffError(n, callee) !== null)) {
    const error = handedOffError(call, callee) as Node;
    if (!handoffParts(error, probe, ';')) return `${error.text.split('\n')[0]?.trim()} ...`;
  }
  return null;
}
