// Errors in otelwright.yaml. Each problem names the key path and line; the message lists every problem,
// one per line, as `file:line: what is wrong (what is allowed)`, so users fix them all in one pass.

export interface StandardsProblem {
  /** `tracing.error_policy.record_exception`, `score.count_severities[1]`; null for file-level problems. */
  keyPath: string | null;
  /** 1-based line in the file, or null when the problem has no place in it (file missing, unreadable). */
  line: number | null;
  /** 1-based column, when known. */
  column: number | null;
  /** A full sentence that starts with the key path when there is one. */
  text: string;
}

function formatProblem(file: string, problem: StandardsProblem): string {
  if (problem.line === null) return `${file}: ${problem.text}`;
  const column = problem.column === null ? '' : `:${problem.column}`;
  return `${file}:${problem.line}${column}: ${problem.text}`;
}

export class StandardsError extends Error {
  /** The standards file as shown in messages (relative to cwd when inside it). */
  readonly file: string;
  /** Key path of the first problem. */
  readonly keyPath: string | null;
  /** Line of the first problem. */
  readonly line: number | null;
  /** Every problem found, in file order. */
  readonly problems: readonly StandardsProblem[];

  constructor(file: string, problems: readonly StandardsProblem[]) {
    super(problems.map((problem) => formatProblem(file, problem)).join('\n'));
    this.name = 'StandardsError';
    this.file = file;
    this.problems = problems;
    this.keyPath = problems[0]?.keyPath ?? null;
    this.line = problems[0]?.line ?? null;
  }
}

/** A problem with the file as a whole (missing, unreadable, ambiguous). */
export function fileProblem(text: string): StandardsProblem {
  return { keyPath: null, line: null, column: null, text };
}

/** Orders problems by line (file-level ones first), then by text, so the message is stable. */
export function sortProblems(problems: readonly StandardsProblem[]): StandardsProblem[] {
  return [...problems].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
  );
}
