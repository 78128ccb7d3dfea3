// Completing an existing span's failure paths. Python's context manager and decorator record the
// exception and set status Error when it escapes, unless `record_exception=False` /
// `set_status_on_exception=False` turned that off; nothing sees an exception an `except` swallows.
//
// - An escaping failure under a switched-off option: when the function never records on this span by
//   hand, drop the option (the context manager then covers every escaping exception, once); otherwise
//   record explicitly before each `raise` (an exception a call raises cannot be reached without a
//   try/except, which is reported instead of written).
// - A swallowing `except`: record and set status first thing in the clause, binding `as exc` if needed.
// Status messages are the exception's type name, never its text.

import type { Standards } from '../../../standards/types.js';
import type { SpanFacts } from '../../facts.js';
import { type SpanSite, spanVariableOf } from './existing-span.js';
import { type FunctionPlan, SkipFunction } from './function-plan.js';
import { hoistValue, linesBefore } from './statements.js';
import { clauseBlock, type Node, ownDescendants, pyString } from './syntax.js';

const FAILURE_NODES = new Set(['raise_statement', 'except_clause', 'except_group_clause']);
const GENERIC = new Set(['Exception', 'BaseException']);

export interface ErrorRecordingResult {
  /** Failure lines now recorded. */
  fixed: number[];
  /** Options switched back on (`record_exception`), so the context manager records by itself. */
  enabled: string[];
  /** Failure lines left as they are, with why. */
  left: { line: number; why: string }[];
}

interface Needs {
  record: boolean;
  status: boolean;
}

function lineOf(plan: FunctionPlan, node: Node): number {
  return plan.file.layout.lineOf(node.startIndex) + 1;
}

/** The option keyword argument of the span's start call, when it is written as `False`. */
function disabledOption(site: SpanSite, keyword: string): Node | null {
  const args = site.call.childForFieldName('arguments');
  for (const arg of args?.namedChildren ?? []) {
    if (
      arg.type === 'keyword_argument' &&
      arg.childForFieldName('name')?.text === keyword &&
      arg.childForFieldName('value')?.type === 'false'
    ) {
      return arg;
    }
  }
  return null;
}

/** Deletes a keyword argument with the comma before it. */
function removeArgument(plan: FunctionPlan, arg: Node): void {
  const previous = arg.previousNamedSibling;
  const start = previous ? previous.endIndex : arg.startIndex;
  let end = arg.endIndex;
  if (!previous && arg.nextSibling?.type === ',')
    end = arg.nextNamedSibling?.startIndex ?? arg.nextSibling.endIndex;
  plan.edits.push({ start, end, text: '' });
}

/** The exception class a `raise` or an `except` names, when it is one statically known class. */
function className(node: Node | null): string | null {
  if (!node) return null;
  const target = node.type === 'call' ? node.childForFieldName('function') : node;
  if (!target || (target.type !== 'identifier' && target.type !== 'attribute')) return null;
  const last = target.text.slice(target.text.lastIndexOf('.') + 1);
  return /^[A-Z]\w*$/.test(last) && !GENERIC.has(last) ? last : null;
}

function caughtType(clause: Node): Node | null {
  const value =
    clause.childForFieldName('value') ??
    clause.namedChildren.find((c) => c.type !== 'block' && c.type !== 'comment') ??
    null;
  if (value?.type === 'as_pattern') return value.firstNamedChild;
  return value;
}

/** The name the clause binds its exception to, adding `as exc` (or `BaseException as exc`) when it binds none. */
function exceptionName(plan: FunctionPlan, clause: Node): string {
  return plan.once(`except:${clause.startIndex}`, () => {
    if (clause.type === 'except_group_clause')
      throw new SkipFunction('except* clauses are left to be recorded by hand');
    const value =
      clause.childForFieldName('value') ??
      clause.namedChildren.find((c) => c.type !== 'block' && c.type !== 'comment');
    if (value?.type === 'as_pattern') {
      const alias = value.childForFieldName('alias')?.text ?? '';
      if (/^[A-Za-z_]\w*$/.test(alias)) return alias;
    }
    const name = plan.fresh('exc', 'error', 'err');
    if (value && value.type !== 'as_pattern') {
      plan.edits.push({ start: value.endIndex, end: value.endIndex, text: ` as ${name}` });
    } else {
      const keyword = clause.firstChild!;
      // A bare `except:` catches BaseException: say so, to name what it catches.
      plan.edits.push({ start: keyword.endIndex, end: keyword.endIndex, text: ` BaseException as ${name}` });
    }
    return name;
  });
}

function recordingLines(
  plan: FunctionPlan,
  span: string,
  error: string,
  typeName: string | null,
  needs: Needs,
  standards: Standards,
): string[] {
  const { quote, module } = plan.file;
  const policy = standards.tracing.error_policy;
  const type = typeName ? pyString(typeName, quote) : `type(${error}).__name__`;
  const lines: string[] = [];
  if (needs.record && policy.record_exception) lines.push(`${span}.record_exception(${error})`);
  if (needs.status && policy.set_status) {
    const { status, statusCode } = module.statusNames();
    lines.push(`${span}.set_status(${status}(${statusCode}.ERROR, ${type}))`);
  }
  if (policy.error_type_attribute && lines.length > 0)
    lines.push(`${span}.set_attribute(${pyString('error.type', quote)}, ${type})`);
  return lines;
}

function enclosingClause(node: Node, stop: Node): Node | null {
  for (let p = node.parent; p && p.id !== stop.id; p = p.parent) {
    if (p.type === 'except_clause' || p.type === 'except_group_clause') return p;
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return null;
  }
  return null;
}

function planRaise(
  plan: FunctionPlan,
  site: SpanSite,
  raise: Node,
  needs: Needs,
  standards: Standards,
): void {
  const { layout } = plan.file;
  const span = spanVariableOf(plan, site);
  const value =
    raise.namedChildren.find((c) => raise.childForFieldName('cause')?.id !== c.id && c.type !== 'comment') ??
    null;
  if (!value) {
    const clause = enclosingClause(raise, plan.body);
    if (!clause)
      throw new SkipFunction(`the bare raise at line ${lineOf(plan, raise)} is outside an except clause`);
    const name = exceptionName(plan, clause);
    const lines = recordingLines(plan, span, name, className(caughtType(clause)), needs, standards);
    push(plan, linesBefore(raise, lines, layout), raise);
    return;
  }
  const type = className(value);
  if (value.type === 'identifier') {
    push(
      plan,
      linesBefore(raise, recordingLines(plan, span, value.text, type, needs, standards), layout),
      raise,
    );
    return;
  }
  const error = plan.fresh('error', 'exc', 'err');
  const lines = recordingLines(plan, span, error, type, needs, standards);
  push(
    plan,
    hoistValue(raise, value, error, lines, (n) => `raise ${n}`, layout),
    raise,
  );
}

function planSwallowed(
  plan: FunctionPlan,
  site: SpanSite,
  clause: Node,
  needs: Needs,
  standards: Standards,
): void {
  const span = spanVariableOf(plan, site);
  const name = exceptionName(plan, clause);
  const first = clauseBlock(clause)?.firstNamedChild;
  if (!first) throw new SkipFunction(`the except clause at line ${lineOf(plan, clause)} has no body`);
  const lines = recordingLines(plan, span, name, className(caughtType(clause)), needs, standards);
  push(plan, linesBefore(first, lines, plan.file.layout), clause);
}

function push(plan: FunctionPlan, edits: ReturnType<typeof linesBefore>, at: Node): void {
  if (!edits) throw new SkipFunction(`line ${lineOf(plan, at)} shares its line with another statement`);
  plan.edits.push(...edits);
}

/** Records the failures at `lines` (the gap's details) on the span `site`. */
export function planErrorRecording(
  plan: FunctionPlan,
  site: SpanSite,
  lines: ReadonlySet<number>,
  standards: Standards,
): ErrorRecordingResult {
  const policy = standards.tracing.error_policy;
  const span: SpanFacts = site.facts;
  const unrecorded = new Set(policy.record_exception ? span.failureExitsWithoutRecord : []);
  const unstatused = new Set(policy.set_status ? span.failureExitsWithoutStatus : []);
  const todo = [...new Set([...unrecorded, ...unstatused])].filter((l) => lines.has(l)).sort((a, b) => a - b);
  const result: ErrorRecordingResult = { fixed: [], enabled: [], left: [] };
  if (todo.length === 0) return result;

  const nodes = ownDescendants(plan.body, FAILURE_NODES);
  const at = (line: number, type: string) =>
    nodes.find((n) => n.type.startsWith(type) && lineOf(plan, n) === line) ?? null;
  const swallowed = new Set(todo.filter((l) => at(l, 'except') && !at(l, 'raise')));
  const escaping = todo.filter((l) => !swallowed.has(l));

  // Escaping failures: switch the context manager's own recording back on when nothing records by hand.
  const handled = new Set<number>();
  if (escaping.length > 0 && site.kind !== 'assigned') {
    const byHand = /\.(record_exception|set_status)\s*\(/.test(plan.body.text);
    const recordOff = disabledOption(site, 'record_exception');
    const statusOff = disabledOption(site, 'set_status_on_exception');
    const needRecord = escaping.some((l) => unrecorded.has(l));
    const needStatus = escaping.some((l) => unstatused.has(l));
    const covers = (!needRecord || recordOff) && (!needStatus || statusOff);
    if (!byHand && covers) {
      if (needRecord && recordOff) {
        removeArgument(plan, recordOff);
        result.enabled.push('record_exception');
      }
      if (needStatus && statusOff) {
        removeArgument(plan, statusOff);
        result.enabled.push('set_status_on_exception');
      }
      for (const l of escaping) handled.add(l);
    }
  }
  for (const line of todo) {
    if (handled.has(line)) {
      result.fixed.push(line);
      continue;
    }
    const needs = { record: unrecorded.has(line), status: unstatused.has(line) };
    const clause = swallowed.has(line) ? at(line, 'except') : null;
    const raise = at(line, 'raise');
    if (clause) planSwallowed(plan, site, clause, needs, standards);
    else if (raise) planRaise(plan, site, raise, needs, standards);
    else {
      result.left.push({
        line,
        why: 'an exception raised by a call here can only be recorded inside a try/except; add one by hand',
      });
      continue;
    }
    result.fixed.push(line);
  }
  return result;
}
