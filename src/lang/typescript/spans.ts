import type Parser from 'tree-sitter';
import type { ParamFacts, SpanFacts } from '../facts.js';
import { type AttributeScope, attributesFromObject } from './attributes.js';
import type { FunctionSites } from './body.js';
import { type CallSite, callTaking, type FileIndex, scopeAtPosition } from './collect.js';
import type { ModuleInfo } from './module.js';
import { objectProperty } from './routes.js';
import { analyseSpanFlow, type SpanFlow } from './span-flow.js';
import { spanName } from './span-names.js';
import { argumentsOf, unwrapExpression } from './syntax.js';

type Node = Parser.SyntaxNode;

const ITERATION_METHODS = new Set([
  'forEach',
  'map',
  'flatMap',
  'reduce',
  'reduceRight',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
]);
const FUNCTION_NODES = new Set(['arrow_function', 'function_expression', 'generator_function']);

export interface SpanScope {
  index: FileIndex;
  module: ModuleInfo;
  params: ParamFacts[];
  /** Express's next-function parameter: `next(err)` is a failure exit (see express-next.ts). */
  next: string | null;
  attributes: AttributeScope;
  /** A local `const name = <value>` in the function, for span names held in variables. */
  localValue(name: string): Node | null;
}

export function isSpanStart(call: CallSite, module: ModuleInfo): boolean {
  const segments = call.callee?.segments;
  if (!segments || segments.length < 2) return false;
  const method = segments[segments.length - 1];
  if (method !== 'startActiveSpan' && method !== 'startSpan') return false;
  const receiver = segments[segments.length - 2] as string;
  return (
    /tracer/i.test(receiver) ||
    receiver === 'getTracer()' ||
    module.tracerVariables.includes(segments.slice(0, -1).join('.'))
  );
}

export function spansOf(fn: FunctionSites, scope: SpanScope): SpanFacts[] {
  const out: SpanFacts[] = [];
  for (const call of fn.calls) {
    if (isSpanStart(call, scope.module)) out.push(spanFacts(call, fn, scope));
  }
  return out;
}

function spanFacts(call: CallSite, fn: FunctionSites, scope: SpanScope): SpanFacts {
  const active = call.callee?.segments[call.callee.segments.length - 1] === 'startActiveSpan';
  const args = argumentsOf(call.node);
  const callback = active ? unwrapExpression(args[args.length - 1]) : null;
  const inlineCallback = callback && FUNCTION_NODES.has(callback.type) ? callback : null;
  const positional = active ? args.slice(0, -1) : args;
  const options = unwrapExpression(positional[1]);
  const contextArg = positional[2] ?? null;
  const name = spanName(args[0] ?? null, scope.module, scope.localValue);
  const position = call.node.startPosition;
  const variable = active ? (inlineCallback ? firstParamName(inlineCallback) : null) : boundName(call.node);
  const flow =
    (active && !inlineCallback) || (!active && endedInChain(call, fn))
      ? handedOffFlow()
      : analyseSpanFlow(regionOf(call, inlineCallback, variable, scope), fn, scope.index, scope.next);
  const loop = enclosingLoop(call, fn, scope.index);
  const context = parentContextOf(contextArg, scope.params);
  return {
    line: position.row + 1,
    column: position.column + 1,
    api: active ? 'ts:startActiveSpan' : 'ts:startSpan',
    variable,
    nameKind: name.kind,
    nameText: name.text,
    ...flow,
    languageRecordsExceptions: false,
    inLoop: loop !== null,
    loopLine: loop,
    startAttributes:
      options?.type === 'object'
        ? attributesFromObject(objectProperty(options, 'attributes'), 'span-start', scope.attributes)
        : [],
    parentContext: context.kind,
    backgroundLine: context.line,
  };
}

/** `tracer.startSpan('x').end()`: started and ended in one expression. */
function endedInChain(call: CallSite, fn: FunctionSites): boolean {
  return fn.calls.some((c) => c.start === call.start && c !== call && c.callee?.segments.at(-1) === 'end');
}

/**
 * `startActiveSpan(name, handleIt)`, `startSpan(...).end()`: the span's end is not something to follow
 * through this function, so it is taken as handled.
 */
function handedOffFlow(): SpanFlow {
  return {
    end: 'explicit-all-paths',
    unendedExitLines: [],
    failureExitLines: [],
    failureExitsWithoutRecord: [],
    failureExitsWithoutStatus: [],
  };
}

function regionOf(call: CallSite, callback: Node | null, variable: string | null, scope: SpanScope) {
  const { index } = scope;
  if (callback) {
    const s = scopeAtPosition(index, callback.startIndex);
    return {
      variable,
      from: callback.startIndex,
      to: callback.endIndex,
      scope: s,
      body: callback.childForFieldName('body'),
    };
  }
  const owner = index.scopes[call.scope];
  return {
    variable,
    from: call.end,
    to: owner ? owner.end : index.text.length,
    scope: call.scope,
    body: owner ? owner.node.childForFieldName('body') : null,
  };
}

function firstParamName(callback: Node): string | null {
  const params = callback.childForFieldName('parameters') ?? callback.childForFieldName('parameter');
  if (!params) return null;
  const m = /^\(?\s*([\p{ID_Start}$_][\p{ID_Continue}$]*)/u.exec(params.text);
  return m ? (m[1] as string) : null;
}

/** `const span = tracer.startSpan(...)`, `span = ...`, `this.span = ...`. */
function boundName(call: Node): string | null {
  let parent = call.parent;
  while (
    parent &&
    (parent.type === 'as_expression' ||
      parent.type === 'non_null_expression' ||
      parent.type === 'parenthesized_expression')
  )
    parent = parent.parent;
  if (parent?.type === 'variable_declarator') {
    const name = parent.childForFieldName('name');
    return name?.type === 'identifier' ? name.text : null;
  }
  if (parent?.type === 'assignment_expression')
    return parent.childForFieldName('left')?.text.replace(/\s+/g, '') ?? null;
  return null;
}

/** Line of the loop or iteration callback (`items.forEach(...)`, `Promise.all(xs.map(...))`) around the call. */
function enclosingLoop(call: CallSite, fn: FunctionSites, index: FileIndex): number | null {
  let innermost: { start: number; line: number } | null = null;
  for (const loop of fn.loops) {
    if (call.start > loop.start && call.start < loop.end && (!innermost || loop.start > innermost.start))
      innermost = { start: loop.start, line: loop.row + 1 };
  }
  for (let s = call.scope; s >= 0 && s !== fn.scopeIndex; ) {
    const scope = index.scopes[s];
    if (!scope) break;
    const iteration = callTaking(index, s);
    const method = iteration?.callee?.segments[iteration.callee.segments.length - 1];
    if (
      iteration &&
      method &&
      ITERATION_METHODS.has(method) &&
      (!innermost || iteration.start > innermost.start)
    )
      innermost = { start: iteration.start, line: iteration.row + 1 };
    s = scope.parent;
  }
  return innermost ? innermost.line : null;
}

function parentContextOf(
  arg: Node | null,
  params: ParamFacts[],
): { kind: SpanFacts['parentContext']; line: number | null } {
  if (!arg) return { kind: 'implicit', line: null };
  const text = arg.text.replace(/\s+/g, '');
  if (/(^|\.)ROOT_CONTEXT$/.test(text)) return { kind: 'background', line: arg.startPosition.row + 1 };
  if (/(^|\.)context\.active\(\)$/.test(text)) return { kind: 'implicit', line: null };
  if (arg.type === 'identifier' && params.some((p) => p.name === text))
    return { kind: 'parameter', line: null };
  return { kind: 'derived', line: null };
}
