// Wraps a run of statements (a function body, a span callback's body) in `try { ... } catch { ... }
// finally { ... }` as edits on the original text: the statements move one or more levels deeper, their
// own returns are rewritten (see returns.ts), and everything else keeps its bytes.
import type Parser from 'tree-sitter';
import type { TextEdit } from '../../../edit/model.js';
import { indentAt, literalRanges, reindentEdits, Shift, startsLine } from './reindent.js';
import {
  alwaysExits,
  handedOffError,
  handoffParts,
  needsBraces,
  ownStatements,
  type ReturnParts,
  type ReturnStyle,
  returnExpression,
  returnParts,
} from './returns.js';
import type { CodeStyle } from './style.js';

type Node = Parser.SyntaxNode;

export interface TryBlock {
  /** Lines of the catch block (without the closing rethrow), or null for no catch clause. */
  catchBody: string[] | null;
  catchParam: string;
  /** Lines of the finally block, or null for none. */
  finallyBody: string[] | null;
}

export interface StatementRun {
  /** The function whose returns are rewritten (its own, not nested functions'). */
  fn: Node;
  first: Node;
  last: Node;
  /** Replaced by the text that opens the try block: from here to `first`. */
  headFrom: number;
  /** Replaced by the text that closes it: from `last` to here. */
  tailTo: number;
}

export interface WrapLayout {
  /** Text before `try {` (starting with its own line break), e.g. `\n  return tracer.startActiveSpan(..., (span) => {`. */
  opening: string;
  /** Text after the try statement's last `}`, e.g. `\n  });\n` plus the indentation of the closing brace. */
  closing: string;
  /** Indentation of the `try` line. */
  tryIndent: string;
}

export interface WrapResult {
  edits: TextEdit[];
  /** Success exits given the outcome attribute. */
  outcomes: number;
  /** Returns whose promise is now awaited inside the try. */
  awaited: number;
}

/** Wraps statements `first..last` of a block; `removals` (statements alone on their lines) are deleted. */
export function wrapStatements(
  text: string,
  run: StatementRun,
  layout: WrapLayout,
  block: TryBlock,
  returns: ReturnStyle,
  style: CodeStyle,
  removals: readonly Node[] = [],
): WrapResult {
  const u = style.indent;
  const bodyIndent = layout.tryIndent + u;
  const oldIndent = startsLine(text, run.first.startIndex)
    ? indentAt(text, run.first.startIndex)
    : indentAt(text, run.headFrom) + u;
  const shift = new Shift(oldIndent, bodyIndent);
  // A body written on one line gets one statement per line.
  const breaks = new Map<number, string>();
  const breakEdits: TextEdit[] = [];
  if (!startsLine(text, run.first.startIndex)) {
    for (
      let s = run.first.nextNamedSibling;
      s && s.startIndex <= run.last.startIndex;
      s = s.nextNamedSibling
    ) {
      const previous = s.previousSibling as Node;
      if (startsLine(text, s.startIndex)) continue;
      breaks.set(s.startIndex, bodyIndent);
      breakEdits.push({ start: previous.endIndex, end: s.startIndex, text: `\n${bodyIndent}` });
    }
  }
  const rewritten = rewriteReturns(
    text,
    run.fn,
    returns,
    shift,
    style,
    run.first.startIndex,
    run.last.endIndex,
    breaks,
  );
  const lastStatement = run.last.type === 'comment' ? lastCode(run) : run.last;
  const fallsOff = returns.outcome !== null && !alwaysExits(lastStatement);
  const naturalEnd = fallsOff && !returns.afterHandoff?.(run.tailTo);
  // `try { ... } catch (err) { next(err); }` last: the success path is the end of the try body.
  const tryEnd =
    fallsOff && !naturalEnd && lastStatement ? successEndOfTry(text, lastStatement, returns, shift) : null;
  const tail = [
    naturalEnd ? `\n${bodyIndent}${returns.outcome}` : '',
    closeTry(layout.tryIndent, block, returns.semicolon, u),
    layout.closing,
  ].join('');
  const deleted = removals.map((r) => lineOf(text, r));
  const claimed = (line: number) => rewritten.claimed(line) || deleted.some((d) => d.start === line);
  const edits: TextEdit[] = [
    {
      start: run.headFrom,
      end: run.first.startIndex,
      text: `${layout.opening}\n${layout.tryIndent}try {\n${bodyIndent}`,
    },
    ...breakEdits,
    ...rewritten.edits,
    ...deleted.map((d) => ({ ...d, text: '' })),
    ...reindentEdits(
      text,
      run.first.startIndex,
      run.last.endIndex,
      shift,
      literalRanges(run.fn),
      rewritten.extra,
      claimed,
    ),
    ...(tryEnd ? [tryEnd] : []),
    { start: run.last.endIndex, end: run.tailTo, text: tail },
  ];
  return {
    edits,
    outcomes: rewritten.outcomes + (naturalEnd || tryEnd ? 1 : 0),
    awaited: rewritten.awaited,
  };
}

const PLAIN_STATEMENTS = new Set(['expression_statement', 'lexical_declaration', 'variable_declaration']);

/**
 * The outcome at the end of a last `try` whose body falls off its end with no hand-off before it, when
 * its catch hands the error off: the only success path to the function's end. No finally (it runs on
 * both paths) and a plain last statement in the body (no other edit at its end).
 */
function successEndOfTry(text: string, statement: Node, returns: ReturnStyle, shift: Shift): TextEdit | null {
  if (statement.type !== 'try_statement' || statement.childForFieldName('finalizer')) return null;
  const body = statement.childForFieldName('body');
  const last = body ? lastStatementOf(body) : null;
  if (!body || !last || !PLAIN_STATEMENTS.has(last.type) || !startsLine(text, last.startIndex)) return null;
  if (alwaysExits(body) || returns.afterHandoff?.(body.endIndex - 1)) return null;
  const indent = shift.apply(indentAt(text, last.startIndex));
  return { start: last.endIndex, end: last.endIndex, text: `\n${indent}${returns.outcome}` };
}

function lastStatementOf(block: Node): Node | null {
  for (let child = block.lastNamedChild; child; child = child.previousNamedSibling) {
    if (child.type !== 'comment') return child;
  }
  return null;
}

/**
 * The returns of `fn` in `from..to` (a try body already there) rewritten in place, as inside a new try:
 * returned promises awaited, errors handed off marked first. Nothing moves deeper.
 */
export function awaitReturns(
  text: string,
  fn: Node,
  returns: ReturnStyle,
  style: CodeStyle,
  from: number,
  to: number,
): { edits: TextEdit[]; awaited: number } {
  const same = new Shift('', '');
  const rewritten = rewriteReturns(text, fn, returns, same, style, from, to, new Map());
  return {
    edits: [
      ...rewritten.edits,
      ...reindentEdits(text, from, to, same, literalRanges(fn), rewritten.extra, rewritten.claimed),
    ],
    awaited: rewritten.awaited,
  };
}

/** Wraps a concise arrow body: `(x) => expr` becomes a block whose try returns `expr`. */
export function wrapExpression(
  text: string,
  fn: Node,
  expr: Node,
  layout: WrapLayout,
  block: TryBlock,
  returns: ReturnStyle,
  style: CodeStyle,
): WrapResult {
  const u = style.indent;
  const bodyIndent = layout.tryIndent + u;
  const arrow = fn.children.find((c) => c.type === '=>');
  const inner = unparenthesizedObject(expr);
  const value = inner ?? expr;
  const parts = returnParts(value, returns);
  const sep = `\n${bodyIndent}`;
  const s = returns.semicolon;
  const opening = `${layout.opening}\n${layout.tryIndent}try {${sep}${parts.before.map((b) => b + sep).join('')}${parts.prefix}`;
  const closing = `${parts.close}${s}${parts.after.map((a) => sep + a).join('')}${closeTry(layout.tryIndent, block, s, u)}${layout.closing}`;
  const shift = new Shift(indentAt(text, value.startIndex), bodyIndent);
  return {
    edits: [
      { start: arrow ? arrow.endIndex : expr.startIndex, end: value.startIndex, text: ` {${opening}` },
      ...reindentEdits(text, value.startIndex, value.endIndex, shift, literalRanges(fn)),
      ...(parts.argument ? [{ ...parts.argument }] : []),
      { start: value.endIndex, end: expr.endIndex, text: `${closing}}` },
    ],
    outcomes: parts.before.length > 0 || parts.after.length > 0 ? 1 : 0,
    awaited: parts.prefix.includes('await') ? 1 : 0,
  };
}

/** The whole line holding `node` (which is alone on it), line break included. */
function lineOf(text: string, node: Node): { start: number; end: number } {
  const start = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const nl = text.indexOf('\n', node.endIndex);
  return { start, end: nl < 0 ? text.length : nl + 1 };
}

function closeTry(tryIndent: string, block: TryBlock, s: string, u: string): string {
  const inner = tryIndent + u;
  let out = '';
  if (block.catchBody) {
    out += `\n${tryIndent}} catch (${block.catchParam}) {`;
    for (const line of block.catchBody) out += `\n${inner}${line}`;
    out += `\n${inner}throw ${block.catchParam}${s}`;
  }
  if (block.finallyBody) {
    out += `\n${tryIndent}} finally {`;
    for (const line of block.finallyBody) out += `\n${inner}${line}`;
  }
  return `${out}\n${tryIndent}}`;
}

function lastCode(run: StatementRun): Node | null {
  for (let n: Node | null = run.last; n && n.startIndex >= run.first.startIndex; n = n.previousNamedSibling) {
    if (n.type !== 'comment') return n;
  }
  return null;
}

function unparenthesizedObject(expr: Node): Node | null {
  if (expr.type !== 'parenthesized_expression') return null;
  const inner = expr.namedChildren.filter((c) => c.type !== 'comment');
  return inner.length === 1 && inner[0]?.type === 'object' ? inner[0] : null;
}

interface Rewritten {
  edits: TextEdit[];
  /** Extra indentation for lines that moved into new braces. */
  extra: (lineStart: number) => string;
  /** Ranges whose line starts belong to a rewrite edit, not to re-indentation. */
  claimed: (lineStart: number) => boolean;
  outcomes: number;
  awaited: number;
}

function rewriteReturns(
  text: string,
  fn: Node,
  style: ReturnStyle,
  shift: Shift,
  code: CodeStyle,
  from: number,
  to: number,
  lineBreaks: ReadonlyMap<number, string>,
): Rewritten {
  const edits: TextEdit[] = [];
  const braced: { start: number; end: number }[] = [];
  const claimed: { start: number; end: number }[] = [];
  let outcomes = 0;
  let awaited = 0;
  const sites = ownStatements(
    fn,
    style.handoff ? ['return_statement', 'expression_statement'] : ['return_statement'],
    (n) =>
      n.type === 'return_statement' ||
      handedOffError(n.firstNamedChild, style.handoff?.callee ?? null) !== null,
  );
  for (const ret of sites) {
    if (ret.startIndex < from || ret.endIndex > to) continue;
    const isReturn = ret.type === 'return_statement';
    const expr = isReturn ? returnExpression(ret) : null;
    const handoff = isReturn ? null : handedOffError(ret.firstNamedChild, style.handoff?.callee ?? null);
    const forwarded = handoff && style.handoff ? handoffParts(handoff, style.handoff, style.semicolon) : null;
    const own = isReturn && style.afterHandoff?.(ret.startIndex) ? { ...style, outcome: null } : style;
    const parts: ReturnParts = isReturn
      ? returnParts(expr, own)
      : {
          before: forwarded?.before ?? [],
          prefix: '',
          close: '',
          after: [],
          bound: false,
          argument: forwarded?.argument ?? null,
        };
    const adds = parts.before.length > 0 || parts.after.length > 0;
    if (isReturn && own.outcome && parts.before.includes(own.outcome)) outcomes++;
    if (parts.bound) outcomes++;
    if (parts.prefix.includes('await')) awaited++;
    if (!adds && !parts.prefix.includes('await') && parts.close === '') continue;
    const keywordEnd = !isReturn ? ret.startIndex : expr ? expr.startIndex : ret.startIndex + 'return'.length;
    const broken = lineBreaks.get(ret.startIndex);
    const ownLine = broken !== undefined || startsLine(text, ret.startIndex);
    let sep = ownLine ? `\n${broken ?? shift.apply(indentAt(text, ret.startIndex))}` : ' ';
    let closeBrace = '';
    let afterEnd = ret.endIndex;
    if (adds && needsBraces(ret, parts.bound || !!parts.argument)) {
      const owner = ret.parent as Node;
      const outer = shift.apply(indentAt(text, owner.startIndex));
      const inner = outer + code.indent;
      const before = ret.previousSibling as Node;
      edits.push({ start: before.endIndex, end: ret.startIndex, text: ` {\n${inner}` });
      claimed.push({ start: before.endIndex, end: ret.startIndex });
      if (!ownLine) braced.push({ start: ret.startIndex, end: ret.endIndex });
      sep = `\n${inner}`;
      closeBrace = `\n${outer}}`;
      // `} else` on one line, as a braced if is written.
      const alternative = owner.type === 'if_statement' ? owner.childForFieldName('alternative') : null;
      if (
        alternative &&
        owner.childForFieldName('consequence')?.startIndex === ret.startIndex &&
        /^\s*$/.test(text.slice(ret.endIndex, alternative.startIndex))
      ) {
        closeBrace += ' ';
        afterEnd = alternative.startIndex;
        claimed.push({ start: ret.endIndex, end: alternative.startIndex });
      }
    }
    edits.push({ start: ret.startIndex, end: keywordEnd, text: layoutParts(parts, sep) });
    if (parts.argument) edits.push({ ...parts.argument });
    if (parts.close)
      edits.push({ start: (expr as Node).endIndex, end: (expr as Node).endIndex, text: parts.close });
    const after = parts.after.map((a) => sep + a).join('') + closeBrace;
    if (after || afterEnd !== ret.endIndex) edits.push({ start: ret.endIndex, end: afterEnd, text: after });
  }
  return {
    edits,
    extra: (line) => (braced.some((r) => r.start < line && line < r.end) ? code.indent : ''),
    claimed: (line) => claimed.some((r) => r.start < line && line <= r.end),
    outcomes,
    awaited,
  };
}

function layoutParts(parts: ReturnParts, sep: string): string {
  return parts.before.map((b) => b + sep).join('') + parts.prefix;
}
