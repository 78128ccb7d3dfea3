// The contract between the language-neutral instrument pipeline and each language's planner, formatter
// and validator. Planners are pure (text and facts in, edits out); formatters and validators run tools.
import type { Gap, GapType } from '../audit/model.js';
import type { TextEdit } from '../edit/model.js';
import type { FileFacts, FunctionFacts } from '../lang/facts.js';
import type { Standards } from '../standards/types.js';

export interface PlanTarget {
  fn: FunctionFacts;
  /** The selected gaps of this function, by type. */
  gaps: Gap[];
}

export interface PlanRequest {
  /** Path relative to the audit root (for messages). */
  path: string;
  text: string;
  facts: FileFacts;
  targets: PlanTarget[];
  standards: Standards;
  /** `{service}` for names. */
  service: string;
  /** Instrumentation scope for a new tracer (Go import path, npm package name, Python `__name__`). */
  scopeName: string;
  /** Allow rewrites that restructure code (e.g. splitting a Go tail-call return). */
  unsafe: boolean;
}

export interface PlannedFunction {
  function: string;
  line: number;
  gapTypes: GapType[];
  /** What was added, in words a reviewer reads (`span orders.ProcessPayment; error recorded on 2 paths`). */
  summary: string;
}

export interface SkippedGap {
  function: string;
  line: number;
  gapType: GapType;
  reason: string;
}

export interface PlanResult {
  edits: TextEdit[];
  planned: PlannedFunction[];
  skipped: SkippedGap[];
}

export interface InstrumentPlanner {
  plan(request: PlanRequest): PlanResult;
}

export interface ToolProblem {
  /** Absolute path when the tool named a file. */
  file: string | null;
  line: number | null;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  /** The command line(s) run, for the summary. */
  commands: string[];
  problems: ToolProblem[];
}

/** Checks a batch of files that belong together (a Go package, a tsconfig project, a Python project). */
export interface Validator {
  /** Group changed files into batches validated by one checker invocation each. */
  batches(files: readonly string[], root: string): { name: string; cwd: string; files: string[] }[];
  /** Null when the toolchain is present; else what is missing and how to install it. */
  missingToolchain(cwd: string): string | null;
  validate(batch: { name: string; cwd: string; files: string[] }): ValidationResult;
}

export interface Formatter {
  /** Formats files in place (through the transaction); returns the command run, or null when none applies. */
  format(files: readonly string[], root: string): { command: string | null; formatted: Map<string, string> };
}
