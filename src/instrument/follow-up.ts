// A span this run starts can bring failure paths of its own: an `except` that swallows an exception
// the new span would otherwise never see. The audit of the instrumented text reports them as
// missing_error_recording, so they are planned in the same run: a second run has nothing left to do.
import type { Gap } from '../audit/model.js';
import { missingErrorRecording } from '../audit/rules/missing-error-recording.js';
import type { FileFacts } from '../lang/facts.js';
import type { Standards } from '../standards/types.js';
import type { PlannedFunction, PlanTarget } from './types.js';

/** Could one of the functions the span pass planned need a follow-up? Cheap: reads their original text. */
export function mayNeedFollowUp(
  facts: FileFacts,
  text: string,
  planned: readonly PlannedFunction[],
  pattern: RegExp | undefined,
): boolean {
  if (!pattern) return false;
  const names = new Set(planned.filter((p) => p.gapTypes.includes('missing_span')).map((p) => p.function));
  return facts.functions.some(
    (fn) => names.has(fn.qualifiedName) && pattern.test(text.slice(fn.range.startByte, fn.range.endByte)),
  );
}

/** Functions given a new span by this run whose span misses error recording on some failure path. */
export function followUpTargets(
  facts: FileFacts,
  planned: readonly PlannedFunction[],
  standards: Standards,
): PlanTarget[] {
  const withNewSpan = new Set(
    planned.filter((p) => p.gapTypes.includes('missing_span')).map((p) => p.function),
  );
  if (withNewSpan.size === 0) return [];
  const targets: PlanTarget[] = [];
  for (const fn of facts.functions) {
    if (!withNewSpan.has(fn.qualifiedName) || fn.spans.length === 0) continue;
    const { gaps } = missingErrorRecording.check({
      file: facts,
      fn,
      standards,
      severity: 'high',
      why: '',
      coveredBy: null,
      suggestedSpanName: '',
    });
    if (gaps.length > 0) targets.push({ fn, gaps: gaps as Gap[] });
  }
  return targets;
}

/** The first pass's entries, with what the follow-up added to the same functions folded in. */
export function mergePlanned(
  first: readonly PlannedFunction[],
  followUp: readonly PlannedFunction[],
): PlannedFunction[] {
  return first.map((p) => {
    const more = followUp.find((f) => f.function === p.function);
    if (!more) return p;
    return {
      ...p,
      gapTypes: [...new Set([...p.gapTypes, ...more.gapTypes])],
      summary: `${p.summary}; ${more.summary}`,
    };
  });
}
