// Which gaps an instrument run acts on: by severity, gap type and --only FILE:FUNCTION, from a fresh
// audit or a saved report.
import type { Gap, GapType } from '../audit/model.js';
import { SEVERITIES, type Severity } from '../standards/types.js';

export interface Selection {
  /** Minimum severity (default high: the seed's "critical and high"). */
  minSeverity: Severity;
  gapTypes: readonly GapType[];
  /** `path/to/file.go:Function` or `path/to/file.go:Type.Method` or just a file path. */
  only: readonly string[];
}

/** The gap types instrument knows how to write. */
export const FIXABLE_GAP_TYPES: readonly GapType[] = [
  'missing_span',
  'missing_error_recording',
  'missing_attributes',
];

export function matchesOnly(gap: Gap, only: readonly string[]): boolean {
  if (only.length === 0) return true;
  return only.some((o) => {
    const at = o.lastIndexOf(':');
    const file = at > 0 ? o.slice(0, at) : o;
    const fn = at > 0 ? o.slice(at + 1) : null;
    const sameFile = gap.file === file || gap.file.endsWith(`/${file}`);
    return sameFile && (fn === null || gap.function === fn || gap.function.endsWith(`.${fn}`));
  });
}

export function selectGaps(gaps: readonly Gap[], selection: Selection): Gap[] {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return gaps.filter(
    (g) =>
      rank(g.severity) <= rank(selection.minSeverity) &&
      selection.gapTypes.includes(g.gap_type) &&
      matchesOnly(g, selection.only),
  );
}
