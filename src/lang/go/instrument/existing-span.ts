// Completing spans the function already starts: error recording on the failure paths that lack it,
// required attributes added to the start options, and `defer span.End()` for a span not ended on
// every path. The span's own variable is used throughout.
import type { Gap } from '../../../audit/model.js';
import type { TextEdit } from '../../../edit/model.js';
import type { FunctionFacts, SpanFacts } from '../../facts.js';
import type { Node } from '../parser.js';
import { chooseAttributes } from './attributes.js';
import { deferredRecorder, nameErrorResult } from './deferred-recorder.js';
import { type Exit, exitsOf } from './exit-shapes.js';
import { recordableInPlace, recordPaths } from './failure-paths.js';
import { emptyPlan, type FileContext, type FunctionPlan, shadowedPackage } from './file-context.js';
import type { GoFunction } from './function-model.js';
import type { Need, SpanWriter } from './recording.js';
import { failedMessage } from './status-message.js';
import { indentAt, lineOf, lineStart } from './syntax.js';

interface StartSite {
  facts: SpanFacts;
  call: Node;
  /** The statement holding the call. */
  statement: Node;
  /** The statement sits directly in the function body. */
  functionLevel: boolean;
}

function startSites(fn: GoFunction, facts: FunctionFacts): StartSite[] {
  const calls = fn.body.descendantsOfType('call_expression');
  const sites: StartSite[] = [];
  for (const span of facts.spans) {
    const call = calls.find(
      (c) =>
        lineOf(c) === span.line &&
        c.childForFieldName('function')?.childForFieldName('field')?.text === 'Start',
    );
    if (!call) continue;
    let statement: Node = call;
    while (
      statement.parent &&
      statement.parent.type !== 'statement_list' &&
      statement.parent.id !== fn.body.id
    )
      statement = statement.parent;
    sites.push({ facts: span, call, statement, functionLevel: statement.parent?.parent?.id === fn.body.id });
  }
  return sites;
}

/** Index just past the statement after which a deferred recorder goes: the start, or its `defer span.End()`. */
function afterStart(site: StartSite, variable: string): number {
  const next = site.statement.nextNamedSibling;
  const endsNext =
    next?.type === 'defer_statement' && next.text.replace(/\s+/g, '') === `defer${variable}.End()`;
  return (endsNext ? next : site.statement).endIndex;
}

function insertAfter(text: string, at: number, statementStart: number, lines: string[]): TextEdit {
  const indent = indentAt(text, statementStart);
  return { start: at, end: at, text: lines.map((l) => `\n${indent}${l}`).join('') };
}

function planEnd(ctx: FileContext, facts: FunctionFacts, site: StartSite, plan: FunctionPlan): void {
  const variable = site.facts.variable;
  const { end } = site.facts;
  if (end !== 'never' && end !== 'explicit-some-paths') return;
  if (variable && site.functionLevel && site.statement.type === 'short_var_declaration') {
    // Explicit End calls stay: the first End wins, so those paths keep their timing and a later End is a no-op.
    plan.edits.push(
      insertAfter(ctx.text, site.statement.endIndex, site.statement.startIndex, [`defer ${variable}.End()`]),
    );
    plan.notes.push(`defer ${variable}.End() added for span ${site.facts.nameText}`);
    return;
  }
  // The contract has no gap type for the span-not-ended anti-pattern (OTW103); it is reported under missing_span.
  plan.skipped.push({
    function: facts.qualifiedName,
    line: site.facts.line,
    gapType: 'missing_span',
    reason: `span-not-ended (OTW103): span ${site.facts.nameText} is ${variable ? 'started inside a block or assigned with =' : 'not held in a variable'}, so a deferred End at function level could end the wrong span; end it on every path by hand`,
  });
}

function planAttributes(
  ctx: FileContext,
  fn: GoFunction,
  facts: FunctionFacts,
  site: StartSite,
  gap: Gap,
  plan: FunctionPlan,
): void {
  const { imports, text } = ctx;
  const chosen = chooseAttributes(facts, fn, ctx.request.standards, ctx.namedTypes, gap.details);
  for (const s of chosen.skipped) {
    plan.skipped.push({
      function: facts.qualifiedName,
      line: facts.line,
      gapType: 'missing_attributes',
      reason: `${s.key} not set: ${s.reason}`,
    });
  }
  if (chosen.attributes.length === 0) return;
  const attribute = imports.use('attribute');
  const rendered = chosen.attributes.map((a) => a.render(attribute));
  const args = site.call.childForFieldName('arguments');
  if (!args) return;
  const traceName = imports.existing('trace');
  const option = args.namedChildren.find(
    (a) =>
      a.type === 'call_expression' &&
      a.childForFieldName('function')?.text.replace(/\s+/g, '') === `${traceName}.WithAttributes`,
  );
  const optionArgs = option?.childForFieldName('arguments');
  if (optionArgs) {
    const close = optionArgs.endIndex - 1;
    const last = optionArgs.namedChildren[optionArgs.namedChildren.length - 1];
    if (last && /,\s*\n\s*$/.test(text.slice(last.startIndex, close))) {
      // One attribute per line, closing paren on its own line: add lines in the same layout.
      const at = lineStart(text, close);
      plan.edits.push({
        start: at,
        end: at,
        text: rendered.map((r) => `${indentAt(text, last.startIndex)}${r},\n`).join(''),
      });
    } else {
      plan.edits.push({ start: close, end: close, text: `${last ? ', ' : ''}${rendered.join(', ')}` });
    }
  } else if (/\.\.\.\s*\)$/.test(args.text) && site.facts.variable) {
    plan.edits.push(
      insertAfter(text, site.statement.endIndex, site.statement.startIndex, [
        `${site.facts.variable}.SetAttributes(${rendered.join(', ')})`,
      ]),
    );
  } else if (/\.\.\.\s*\)$/.test(args.text)) {
    plan.skipped.push({
      function: facts.qualifiedName,
      line: facts.line,
      gapType: 'missing_attributes',
      reason: 'the span start spreads its options and the span has no variable to set attributes on',
    });
    return;
  } else {
    const close = args.endIndex - 1;
    const withAttributes = `${imports.use('trace')}.WithAttributes`;
    const lastArg = args.namedChildren[args.namedChildren.length - 1];
    if (lastArg && /,\s*\n\s*$/.test(text.slice(lastArg.startIndex, close))) {
      // Arguments one per line: the option gets its own line too.
      const at = lineStart(text, close);
      plan.edits.push({
        start: at,
        end: at,
        text: `${indentAt(text, lastArg.startIndex)}${withAttributes}(${rendered.join(', ')}),\n`,
      });
    } else {
      // `Start(ctx, name)` on one line: the option's attributes one per line, as for a new span.
      const indent = indentAt(text, site.statement.startIndex);
      plan.edits.push({
        start: close,
        end: close,
        text: `, ${withAttributes}(\n${rendered.map((r) => `${indent}\t${r},\n`).join('')}${indent})`,
      });
    }
  }
  plan.done.push('missing_attributes');
  plan.notes.push(
    `attributes ${chosen.attributes.map((a) => a.key).join(', ')} added to span ${site.facts.nameText}`,
  );
}

function planErrors(
  ctx: FileContext,
  fn: GoFunction,
  facts: FunctionFacts,
  site: StartSite,
  plan: FunctionPlan,
): void {
  const { request, text, imports } = ctx;
  const policy = request.standards.tracing.error_policy;
  const span = site.facts;
  const noRecord = new Set(policy.record_exception ? span.failureExitsWithoutRecord : []);
  const noStatus = new Set(policy.set_status ? span.failureExitsWithoutStatus : []);
  if (noRecord.size === 0 && noStatus.size === 0) return;
  const skip = (reason: string) =>
    plan.skipped.push({
      function: facts.qualifiedName,
      line: facts.line,
      gapType: 'missing_error_recording',
      reason,
    });
  if (!span.variable) {
    skip(`span ${span.nameText} is not held in a variable, so its failures cannot be recorded on it`);
    return;
  }
  const writer: SpanWriter = { span: span.variable, policy, imports };
  const needOf = (exit: Exit): Need => ({ record: noRecord.has(exit.line), status: noStatus.has(exit.line) });
  const exits = exitsOf(fn, imports, ctx.packageVars).filter(
    (e) =>
      e.node.startIndex > site.call.endIndex &&
      (noRecord.has(e.line) || noStatus.has(e.line)) &&
      e.shape.kind !== 'success',
  );
  const stuck = exits.filter((e) => e.shape.kind !== 'panic' && !recordableInPlace(e, request.unsafe));
  // A deferred recorder sees every return after it: only safe when no path records the error yet.
  const nothingRecorded = span.failureExitsWithoutRecord.length === span.failureExitLines.length;
  const errorResult = stuck.length > 0 && site.functionLevel && nothingRecorded ? nameErrorResult(fn) : null;
  const paths = recordPaths({
    text,
    fn,
    writer,
    unsafe: request.unsafe,
    exits: exits.map((exit) => ({ exit, need: needOf(exit) })),
    outcomeKey: null,
    deferredRecorder: errorResult !== null,
    sentinelMessages: ctx.sentinelMessages,
  });
  plan.edits.push(...paths.edits);
  if (errorResult) {
    const need = { record: noRecord.size > 0, status: noStatus.size > 0 };
    plan.edits.push(
      ...errorResult.edits,
      insertAfter(
        text,
        afterStart(site, span.variable),
        site.statement.startIndex,
        deferredRecorder(writer, errorResult.name, failedMessage(fn.name), need),
      ),
    );
    plan.notes.push(
      `errors of span ${span.nameText} recorded in a deferred closure over the result ${errorResult.name}`,
    );
  } else if (paths.deferred.length > 0) {
    const lines = paths.deferred.map((e) => e.line).join(', ');
    skip(
      `line ${lines}: the error comes out of a call in the return statement; recording it needs the unsafe split (--unsafe) or a deferred recorder, which would record twice on the paths already recorded`,
    );
  }
  if (paths.recorded > 0)
    plan.notes.push(
      `error recorded on ${paths.recorded} path${paths.recorded === 1 ? '' : 's'} of span ${span.nameText}`,
    );
  if (paths.recorded > 0 || errorResult) plan.done.push('missing_error_recording');
}

export function planExistingSpans(
  ctx: FileContext,
  fn: GoFunction,
  facts: FunctionFacts,
  gaps: readonly Gap[],
): FunctionPlan {
  const plan = emptyPlan();
  const shadowed = shadowedPackage(fn, ctx.imports, ['trace', 'attribute', 'codes']);
  const sites = startSites(fn, facts);
  if (shadowed || sites.length === 0) {
    const reason = shadowed
      ? `a local ${shadowed} hides the imported package ${shadowed}; rename it first`
      : 'the span start could not be found in the function';
    for (const g of gaps)
      plan.skipped.push({ function: facts.qualifiedName, line: facts.line, gapType: g.gap_type, reason });
    return plan;
  }
  for (const site of sites) planEnd(ctx, facts, site, plan);
  const attributesGap = gaps.find((g) => g.gap_type === 'missing_attributes');
  if (attributesGap) planAttributes(ctx, fn, facts, sites[0] as StartSite, attributesGap, plan);
  if (gaps.some((g) => g.gap_type === 'missing_error_recording'))
    for (const site of sites) planErrors(ctx, fn, facts, site, plan);
  return plan;
}
