// Spans a function starts: `<tracer>.Start(ctx, name, opts...)`, with how each is named, parented,
// ended, and whether its failure paths are recorded.
import type { AttributeWrite, SpanFacts } from '../facts.js';
import { withAttributes } from './attributes.js';
import { argsOf, lastSegment, methodOf, receiverOf } from './calls.js';
import type { LexCall, LexScope } from './lexer.js';
import type { FunctionModel, GoFile } from './model.js';
import { isQualifiedType } from './params.js';
import { parentContextOf } from './span-context.js';
import { spanOutcome } from './span-end.js';
import { spanNameOf } from './span-names.js';

/** Local names assigned a tracer inside the function (`tr := otel.Tracer("x")`), and tracer parameters. */
function localTracers(file: GoFile, fn: FunctionModel): Set<string> {
  const names = new Set<string>();
  const body = file.text.slice(fn.scope.start, fn.scope.end);
  for (const m of body.matchAll(/([\p{L}_][\p{L}\p{Nd}_]*)\s*:?=\s*[^\n]*?\.\s*Tracer\s*\(/gu))
    names.add(m[1] as string);
  for (const scope of fn.lex.scopes) {
    for (const p of scope.signature?.params ?? []) {
      if (isQualifiedType(p.type, file.imports, 'trace', 'Tracer', false)) names.add(p.name);
    }
  }
  return names;
}

function isTracer(receiver: string, file: GoFile, locals: () => ReadonlySet<string>): boolean {
  if (receiver === '') return false;
  if (/\.Tracer\(…\)$/.test(receiver)) return true; // otel.Tracer("x").Start(...)
  const name = lastSegment(receiver);
  return file.tracerNames.has(name) || /tracer/i.test(name) || locals().has(name);
}

/** `ctx, span := tracer.Start(...)` → `span`; `return tracer.Start(...)` → returned. */
function boundTo(file: GoFile, call: LexCall): { variable: string | null; inReturn: boolean } {
  const lineStart = file.text.lastIndexOf('\n', call.start - 1) + 1;
  const before = file.text.slice(lineStart, call.start);
  const assigned = /([\p{L}_][\p{L}\p{Nd}_]*)\s*,\s*([\p{L}_][\p{L}\p{Nd}_]*)\s*:?=\s*$/u.exec(before);
  if (assigned) return { variable: assigned[2] === '_' ? null : (assigned[2] as string), inReturn: false };
  return { variable: null, inReturn: /\breturn\s+$/.test(before) };
}

function innermostLoop(fn: FunctionModel, at: number): number | null {
  let best: { start: number } | null = null;
  for (const loop of fn.lex.loops) {
    if (loop.start < at && at < loop.end && (!best || loop.start > best.start)) best = loop;
  }
  return best ? best.start : null;
}

/** The attributes of every `trace.WithAttributes(...)` option among the call's arguments from `firstOption` on. */
function optionAttributes(file: GoFile, call: LexCall, firstOption: number): AttributeWrite[] {
  const { text } = file;
  const out: AttributeWrite[] = [];
  for (const arg of argsOf(text, call).slice(firstOption)) {
    out.push(...withAttributes(file, text.slice(arg.start, arg.end), arg.start, 'trace', 'span-start'));
  }
  return out;
}

function isSpanStart(call: LexCall, file: GoFile, locals: () => ReadonlySet<string>): boolean {
  return methodOf(call) === 'Start' && call.close > call.open && isTracer(receiverOf(call), file, locals);
}

export function spansOf(file: GoFile, fn: FunctionModel): { spans: SpanFacts[]; starts: LexCall[] } {
  const { text } = file;
  let cached: Set<string> | null = null;
  const locals = () => {
    cached ??= localTracers(file, fn);
    return cached;
  };
  const spans: SpanFacts[] = [];
  const starts: LexCall[] = [];
  for (const call of fn.lex.calls) {
    if (!isSpanStart(call, file, locals)) continue;
    const args = argsOf(text, call);
    const [ctxArg, nameArg] = args;
    if (!ctxArg || !nameArg) continue;
    const owner = call.owner as LexScope;
    const { variable, inReturn } = boundTo(file, call);
    // Names and contexts come from assignments before this statement (not `ctx, span :=` itself).
    const statementStart = text.lastIndexOf('\n', call.start - 1) + 1;
    const name = spanNameOf(file, text.slice(nameArg.start, nameArg.end), fn.scope.bodyStart, statementStart);
    const context = parentContextOf(
      file,
      owner,
      fn.scope,
      text.slice(ctxArg.start, ctxArg.end),
      ctxArg.start,
      statementStart,
    );
    const loop = innermostLoop(fn, call.start);
    const outcome = spanOutcome(file, fn.lex, owner, call, variable, inReturn);
    starts.push(call);
    spans.push({
      line: file.pos.line(call.start),
      column: file.pos.column(call.start),
      api: 'go:tracer.Start',
      variable,
      ...name,
      ...outcome,
      languageRecordsExceptions: false,
      inLoop: loop !== null,
      loopLine: loop === null ? null : file.pos.line(loop),
      startAttributes: optionAttributes(file, call, 2),
      ...context,
    });
  }
  return { spans, starts };
}
