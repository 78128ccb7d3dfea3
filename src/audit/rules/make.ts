import type { FunctionFacts } from '../../lang/facts.js';
import type { Severity } from '../../standards/types.js';
import type { Finding, Gap } from '../model.js';
import type { FunctionContext, RuleMeta } from '../rule.js';

export function gap(
  meta: RuleMeta,
  ctx: FunctionContext,
  severity: Severity,
  rationale: string,
  details: string[] = [],
): Gap {
  const { fn, file } = ctx;
  return {
    file: file.path,
    function: fn.qualifiedName,
    line: fn.line,
    gap_type: meta.gapType ?? 'missing_span',
    severity,
    rationale,
    rule_id: meta.id,
    column: fn.column,
    end_line: fn.endLine,
    language: file.language,
    suggested_span_name: meta.gapType === 'missing_span' ? ctx.suggestedSpanName : null,
    details,
  };
}

export function finding(
  meta: RuleMeta,
  ctx: FunctionContext,
  at: { line: number; column: number },
  message: string,
  severity: Severity = meta.defaultSeverity,
): Finding {
  return {
    rule_id: meta.id,
    rule: meta.name,
    file: ctx.file.path,
    function: ctx.fn.qualifiedName,
    line: at.line,
    column: at.column,
    severity,
    message,
    language: ctx.file.language,
  };
}

export const none = () => ({ gaps: [], findings: [] });

/** "lines 12, 30 and 41" */
export function lineList(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  if (sorted.length === 1) return `line ${sorted[0]}`;
  return `lines ${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}

/** Every attribute the function writes on its spans (start options and set later). */
export function spanAttributeKeys(fn: FunctionFacts): Set<string> {
  const keys = new Set<string>();
  for (const span of fn.spans) for (const a of span.startAttributes) keys.add(a.key);
  for (const a of fn.attributes) if (a.target !== 'metric') keys.add(a.key);
  return keys;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
