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
  /**
   * The package-level tracer to use: one per Go package (directory), one per TS/JS or Python module.
   * `existing` names a tracer variable already declared in this file or (Go) another file of the
   * package; when null and `declareHere` is true this file must declare one (`tracer` unless taken).
   * When null and `declareHere` is false, another file of the same Go package declares `name`.
   */
  tracer: { existing: string | null; declareHere: boolean; name: string };
  /**
   * Metrics pass, Go: the package's other files (same directory) as this run leaves them, so a helper or
   * instrument declared there is reused rather than declared twice. Absent for other languages.
   */
  siblings?: readonly SiblingFile[];
}

export interface SiblingFile {
  /** Path relative to the audit root. */
  path: string;
  text: string;
}

/** A queue or pool the standards name (`metrics.gauges[]`): observe its depth with an observable gauge. */
export interface GaugeSpec {
  /** The `{metric}` part of the gauge's name (`queue_depth`). */
  name: string;
  /** The queue or pool as it appears in code (`s.jobs`, `self.jobs`, `this.jobs`, `jobs`). */
  source: string;
}

export interface GaugePlanRequest {
  path: string;
  text: string;
  facts: FileFacts;
  standards: Standards;
  service: string;
  scopeName: string;
  /** The gauges whose source this file mentions; the planner decides whether it assigns it. */
  gauges: readonly GaugeSpec[];
  siblings?: readonly SiblingFile[];
}

/**
 * Plans observable gauges where a gauge's source is created (the assignment of `s.jobs` in a constructor,
 * a module-level queue). Every planned or skipped entry names its gauge in `gauge`; a gauge this file does
 * not assign gets no entry (the pipeline reports gauges no file assigns).
 */
export interface GaugePlanner {
  plan(request: GaugePlanRequest): PlanResult;
}

export interface PlannedFunction {
  function: string;
  line: number;
  gapTypes: GapType[];
  /** What was added, in words a reviewer reads (`span orders.ProcessPayment; error recorded on 2 paths`). */
  summary: string;
  /** The standards' gauge this entry scaffolds (gauge planners only). */
  gauge?: string;
}

export interface SkippedGap {
  function: string;
  line: number;
  gapType: GapType;
  reason: string;
  /** The standards' gauge this entry is about (gauge planners and the pipeline's gauge report). */
  gauge?: string;
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

/**
 * Formats one file's planned text before it is written (so a file is written once). Uses the project's
 * formatter when it has one configured (Prettier/Biome, Black/Ruff), gofmt for Go; returns the text
 * unchanged when none applies. Throws FormatError when the formatter rejects the text (a planner bug or
 * a syntax error): the pipeline then skips that file's edits and reports the message.
 */
export interface Formatter {
  /** `absPath` is where the file lives (formatters find their config from it); nothing is written. */
  format(absPath: string, text: string, root: string): { text: string; command: string | null };
}

export class FormatError extends Error {}

/** Adds the OpenTelemetry API dependency to the project manifests when it is missing. */
export interface DependencyWiring {
  /**
   * Manifest files this run may change for the given source files (go.mod and go.sum, package.json,
   * requirements.txt or pyproject.toml), so the pipeline can snapshot them before `apply`.
   */
  manifests(files: readonly string[], root: string): string[];
  /** Changes manifests (directly or through the toolchain: `go get`), returns what it did in words. */
  apply(files: readonly string[], root: string): { changed: string[]; actions: string[] };
}

/** Everything `instrument` needs from one language family. */
export interface LanguageToolkit {
  planner: InstrumentPlanner;
  /**
   * Plans `missing_metric` gaps (issue 4): module-level instruments and per-handler recording. Targets
   * are handler functions whose `fn.handler` carries the route resolved from registrations.
   */
  metricsPlanner?: InstrumentPlanner;
  /**
   * Text by which a function can catch and handle a failure itself (Python `except`, JS `catch`, Express
   * `next(err)`): only such a function can need error recording beyond what its new span's planner wrote
   * (see follow-up.ts). Absent: the planner records every failure path when it starts a span (Go).
   */
  handlesFailures?: RegExp;
  /** Plans the standards' observable gauges (issue 4), after the handler metrics, on their text. */
  gaugePlanner?: GaugePlanner;
  formatter: Formatter;
  validator: Validator;
  dependencies: DependencyWiring;
}
