// The spans a function starts and how well it handles them: `with tracer.start_as_current_span(...)`,
// `span = tracer.start_span(...)`, and the `@tracer.start_as_current_span(...)` decorator.
//
// Python's context managers (and the decorator) end the span and, unless told otherwise, record the
// exception and set status Error when an exception leaves the block. What they cannot see is an
// exception caught inside the block and not re-raised: that failure needs explicit recording.
import type { AttributeWrite, SpanFacts, SpanNameKind } from '../facts.js';
import { words } from '../naming.js';
import { dictWrites } from './attributes.js';
import { type FileContext, receiverOf } from './context.js';
import type { Decorator } from './decorators.js';
import { inBody, UnitFlow } from './flow.js';
import type { Block, CallSite } from './scan.js';
import { type Ending, manualDefaults, manualEnding } from './span-ending.js';
import { callsOnSpan, type Failures, failures } from './span-failures.js';
import { parentContext, spanName } from './span-names.js';
import { type Arguments, argument, callArguments, callAt, isFalse, type Node } from './syntax.js';
import type { Unit } from './units.js';

const STARTERS = new Set(['start_as_current_span', 'start_span']);
const COMPREHENSIONS = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);
const SCOPE_TYPES = new Set(['function_definition', 'lambda', 'module', 'class_definition']);

/** A receiver that is a tracer: a module tracer, `self.tracer`, `trace.get_tracer(...)`, anything named *tracer*. */
function isTracer(ctx: FileContext, receiver: string): boolean {
  if (!receiver) return false;
  if (ctx.module.tracerVariables.includes(receiver) || /get_tracer\s*\(/.test(receiver)) return true;
  return words(receiver.replace(/\(.*\)/s, '')).includes('tracer');
}

function isSpanStart(ctx: FileContext, call: CallSite): boolean {
  return STARTERS.has(call.method) && isTracer(ctx, receiverOf(call));
}

interface Options {
  recordsExceptions: boolean;
  setsStatus: boolean;
  endsOnExit: boolean;
}

function options(args: Arguments | null): Options {
  return {
    recordsExceptions: !isFalse(args?.keywords.get('record_exception')),
    setsStatus: !isFalse(args?.keywords.get('set_status_on_exception')),
    endsOnExit: !isFalse(args?.keywords.get('end_on_exit')),
  };
}

/** The innermost loop (in this function) whose body holds `at`, or a comprehension around the call. */
function loopAround(ctx: FileContext, flow: UnitFlow, at: number, node: Node | null): number | null {
  let line: number | null = null;
  let best = -1;
  for (const k of flow.unit.blocks) {
    const b = ctx.skeleton.blocks[k]!;
    if ((b.keyword === 'for' || b.keyword === 'while') && inBody(b, at) && b.start > best) {
      best = b.start;
      line = ctx.lines.line(b.start);
    }
  }
  for (let p = node?.parent ?? null; p && !SCOPE_TYPES.has(p.type); p = p.parent) {
    if (COMPREHENSIONS.has(p.type)) {
      if (p.startIndex > best) line = ctx.lines.line(p.startIndex);
      break;
    }
  }
  return line;
}

type Binding =
  | { form: 'with'; block: Block; variable: string | null }
  | { form: 'assigned'; variable: string }
  | { form: 'managed' } // ExitStack.enter_context(...) or use_span(..., end_on_exit=True)
  | { form: 'loose' } // started and dropped, or passed somewhere we cannot follow
  | { form: 'handed-over' }; // returned or yielded: the caller owns it

function bindingOf(ctx: FileContext, unit: Unit, call: CallSite, node: Node | null): Binding {
  const parent = node?.parent ?? null;
  if (!parent) return { form: 'loose' };
  const withItem =
    parent.type === 'with_item'
      ? parent
      : parent.type === 'as_pattern' && parent.parent?.type === 'with_item'
        ? parent.parent
        : null;
  if (withItem) {
    const block = unit.blocks
      .map((k) => ctx.skeleton.blocks[k]!)
      .find((b) => b.keyword === 'with' && b.start <= call.start && call.start < b.colon);
    const alias = parent.type === 'as_pattern' ? (parent.childForFieldName('alias')?.text ?? null) : null;
    if (block) return { form: 'with', block, variable: alias && /^[\w.]+$/.test(alias) ? alias : null };
  }
  if (parent.type === 'assignment' && parent.childForFieldName('right')?.startIndex === call.start) {
    return { form: 'assigned', variable: parent.childForFieldName('left')?.text ?? '' };
  }
  if (parent.type === 'return_statement' || parent.type === 'yield') return { form: 'handed-over' };
  if (parent.type === 'argument_list') {
    const outer = parent.parent;
    const callee = outer?.childForFieldName('function')?.text ?? '';
    if (/enter_(async_)?context$/.test(callee)) return { form: 'managed' };
    if (/use_span$/.test(callee) && /end_on_exit\s*=\s*True/.test(parent.text)) return { form: 'managed' };
  }
  return { form: 'loose' };
}

/** The part of the function a context-managed span covers; only try statements inside it catch for it. */
function region(from: number, to: number) {
  return { start: from, end: to, tryFrom: from };
}

export function spansOf(
  ctx: FileContext,
  unit: Unit,
  decorators: readonly Decorator[],
  paramNames: readonly string[],
  io: ReadonlySet<CallSite>,
): SpanFacts[] {
  const starts = unit.calls.filter((c) => isSpanStart(ctx, c));
  const decorated = decorators.filter(
    (d) =>
      d.isCall &&
      STARTERS.has(d.callee.slice(d.callee.lastIndexOf('.') + 1)) &&
      isTracer(ctx, d.callee.slice(0, d.callee.lastIndexOf('.'))),
  );
  if (starts.length === 0 && decorated.length === 0) return [];
  const flow = new UnitFlow(ctx.skeleton, unit);
  const spans: SpanFacts[] = [];
  const body = { start: unit.def.bodyStart < 0 ? unit.def.colon + 1 : unit.def.bodyStart, end: unit.def.end };

  for (const d of decorated) {
    const node = callAt(ctx.tree, d.start, d.end);
    const args = node ? callArguments(node) : null;
    const opts = options(args);
    const onSpan = callsOnSpan(ctx, unit, null);
    const f = failures(
      ctx,
      flow,
      region(body.start, body.end),
      onSpan,
      () => ({ record: opts.recordsExceptions, status: opts.setsStatus }),
      io,
    );
    spans.push(
      assemble(ctx, {
        at: d.start,
        api: 'py:decorator',
        variable: null,
        name: spanName(ctx, unit, args ? argument(args, 0, 'name') : null),
        ending: { end: 'context-manager', unended: [] },
        failures: f,
        languageRecords: opts.recordsExceptions && opts.setsStatus,
        loopLine: null,
        startAttributes: args
          ? dictWrites(ctx, unit, args.keywords.get('attributes') ?? null, d.start, 'span-start')
          : [],
        context: parentContext(ctx, args, paramNames),
      }),
    );
  }

  for (const call of starts) {
    const node = callAt(ctx.tree, call.start, call.end);
    const binding = bindingOf(ctx, unit, call, node);
    if (binding.form === 'handed-over') continue;
    const args = node ? callArguments(node) : null;
    const opts = options(args);
    const api = call.method === 'start_span' ? 'py:start_span' : 'py:start_as_current_span';
    const variable = binding.form === 'with' || binding.form === 'assigned' ? binding.variable : null;
    const onSpan = callsOnSpan(ctx, unit, variable);
    let ending: Ending;
    let f: Failures;
    let languageRecords = false;
    if (binding.form === 'with' && opts.endsOnExit) {
      const b = binding.block;
      ending = { end: 'context-manager', unended: [] };
      languageRecords = opts.recordsExceptions && opts.setsStatus;
      f = failures(
        ctx,
        flow,
        region(Math.max(b.bodyStart, b.colon + 1), b.end),
        onSpan,
        () => ({ record: opts.recordsExceptions, status: opts.setsStatus }),
        io,
      );
    } else if (binding.form === 'managed') {
      ending = { end: 'context-manager', unended: [] };
      f = failures(
        ctx,
        flow,
        region(call.end, unit.def.end),
        onSpan,
        () => ({ record: opts.recordsExceptions, status: opts.setsStatus }),
        io,
      );
      languageRecords = opts.recordsExceptions && opts.setsStatus;
    } else {
      ending =
        binding.form === 'loose'
          ? { end: 'never', unended: [] }
          : manualEnding(ctx, flow, call, variable, onSpan.ends);
      f = failures(
        ctx,
        flow,
        { start: call.end, end: unit.def.end, tryFrom: unit.def.start },
        onSpan,
        manualDefaults(ctx, unit, variable),
        io,
      );
    }
    spans.push(
      assemble(ctx, {
        at: call.start,
        api,
        variable,
        name: spanName(ctx, unit, args ? argument(args, 0, 'name') : null),
        ending,
        failures: f,
        languageRecords,
        loopLine: loopAround(ctx, flow, call.start, node),
        startAttributes: args
          ? dictWrites(ctx, unit, args.keywords.get('attributes') ?? null, call.start, 'span-start')
          : [],
        context: parentContext(ctx, args, paramNames),
      }),
    );
  }
  return spans;
}

function assemble(
  ctx: FileContext,
  s: {
    at: number;
    api: SpanFacts['api'];
    variable: string | null;
    name: { kind: SpanNameKind; text: string };
    ending: Ending;
    failures: Failures;
    languageRecords: boolean;
    loopLine: number | null;
    startAttributes: AttributeWrite[];
    context: { parent: SpanFacts['parentContext']; backgroundLine: number | null };
  },
): SpanFacts {
  const { line, column } = ctx.lines.position(s.at);
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return {
    line,
    column,
    api: s.api,
    variable: s.variable,
    nameKind: s.name.kind,
    nameText: s.name.text,
    end: s.ending.end,
    unendedExitLines: s.ending.unended,
    failureExitLines: sorted(s.failures.exits),
    failureExitsWithoutRecord: sorted(s.failures.withoutRecord),
    failureExitsWithoutStatus: sorted(s.failures.withoutStatus),
    languageRecordsExceptions: s.languageRecords,
    inLoop: s.loopLine !== null,
    loopLine: s.loopLine,
    startAttributes: s.startAttributes,
    parentContext: s.context.parent,
    backgroundLine: s.context.backgroundLine,
  };
}
