// The one path every code change takes: audit → select → plan (pure) → format → write atomically →
// wire dependencies → validate per batch → keep, or isolate the culprits and restore them byte for byte.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { familyOf } from '../audit/auto-coverage.js';
import { functionKey, resolveHandlers } from '../audit/handlers.js';
import type { Gap } from '../audit/model.js';
import { applyEdits } from '../edit/apply-text.js';
import { unifiedDiff } from '../edit/diff.js';
import { readTextFile } from '../edit/text-file.js';
import { Transaction } from '../edit/transaction.js';
import { type AuditRun, runAudit } from '../engine/run-audit.js';
import type { FileFacts, FunctionFacts, HandlerFacts, Language } from '../lang/facts.js';
import { loadAdaptersFor, loadedAdapterFor } from '../lang/registry.js';
import { UsageError } from '../util/usage-error.js';
import { createProjectResolver, serviceNameOf } from '../workspace/projects.js';
import { autoCoveredHandlers, autoCoveredReason } from './auto-covered.js';
import { followUpTargets, mayNeedFollowUp, mergePlanned } from './follow-up.js';
import { gaugesMentioned, unassignedGauges } from './gauge-sources.js';
import { isolateCulprits } from './isolate.js';
import { matchesOnly, type Selection, selectGaps } from './select.js';
import {
  FormatError,
  type GaugeSpec,
  type InstrumentPlanner,
  type LanguageToolkit,
  type PlannedFunction,
  type PlanRequest,
  type PlanResult,
  type PlanTarget,
  type SiblingFile,
  type SkippedGap,
  type ValidationResult,
} from './types.js';

export type Family = 'go' | 'node' | 'python';

export interface InstrumentOptions {
  paths: string[];
  cwd: string;
  configPath: string | null;
  cacheDir: string | null | undefined;
  jobs: number;
  selection: Selection;
  /** Gaps from a saved report instead of a fresh audit's (the functions are still located afresh). */
  reportGaps: Gap[] | null;
  dryRun: boolean;
  validate: boolean;
  force: boolean;
  unsafe: boolean;
  toolkits: Partial<Record<Family, LanguageToolkit>>;
}

export interface BatchOutcome {
  name: string;
  commands: string[];
  ok: boolean;
  /** Files restored because the checker rejected their edits, with the checker's first message. */
  restored: { file: string; message: string }[];
  /** Problems the checker reported before any edit (not ours, not held against the edits). */
  preexisting: number;
}

export interface InstrumentSummary {
  root: string;
  planned: (PlannedFunction & { file: string })[];
  skipped: (SkippedGap & { file: string })[];
  formatted: string[];
  dependencies: string[];
  validation: BatchOutcome[];
  /** Unified diff of every change (dry run: what would change). */
  diff: string;
  filesChanged: string[];
  dryRun: boolean;
}

interface FilePlan {
  path: string;
  absPath: string;
  family: Family;
  original: string;
  next: string;
  planned: PlannedFunction[];
}

function gitDirty(root: string, files: readonly string[]): Set<string> {
  if (files.length === 0) return new Set();
  try {
    const out = execFileSync('git', ['status', '--porcelain', '-z', '--', ...files], {
      cwd: root,
      encoding: 'utf8',
    });
    return new Set(
      out
        .split('\0')
        .filter((e) => e.length > 3)
        .map((e) => e.slice(3)),
    );
  } catch {
    return new Set();
  }
}

function insideGit(root: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Where the tracer lives: one per Go package (directory), one per TS/JS or Python module. */
function tracerPlacement(
  family: Family,
  path: string,
  facts: FileFacts,
  all: readonly FileFacts[],
  declaring: Map<string, string>,
): { existing: string | null; declareHere: boolean; name: string } {
  const own = facts.tracerVariables[0] ?? null;
  if (own) return { existing: own, declareHere: false, name: own };
  if (family !== 'go') return { existing: null, declareHere: true, name: 'tracer' };
  const dir = dirname(path);
  const sibling = all.find(
    (f) => f.language === 'go' && dirname(f.path) === dir && f.tracerVariables.length > 0,
  );
  if (sibling)
    return {
      existing: sibling.tracerVariables[0] ?? null,
      declareHere: false,
      name: sibling.tracerVariables[0] ?? 'tracer',
    };
  const declarer = declaring.get(dir);
  if (declarer === undefined) {
    declaring.set(dir, path);
    return { existing: null, declareHere: true, name: 'tracer' };
  }
  return { existing: null, declareHere: declarer === path, name: 'tracer' };
}

function findFunction(facts: FileFacts, gap: Gap): FunctionFacts | undefined {
  const candidates = facts.functions.filter((f) => f.qualifiedName === gap.function);
  if (candidates.length <= 1) return candidates[0];
  return candidates.reduce((best, f) =>
    Math.abs(f.line - gap.line) < Math.abs(best.line - gap.line) ? f : best,
  );
}

export async function runInstrument(options: InstrumentOptions): Promise<InstrumentSummary> {
  const run: AuditRun = await runAudit({
    paths: options.paths,
    cwd: options.cwd,
    configPath: options.configPath,
    cacheDir: options.cacheDir,
    jobs: options.jobs,
    includeFunctions: false,
    needFacts: true,
  });
  const { root, standards } = run;
  const gaps = selectGaps(options.reportGaps ?? run.report.gaps, options.selection);
  const metricsSelected = options.selection.gapTypes.includes('missing_metric');
  const autoCovered = metricsSelected ? autoCoveredHandlers(run, options.selection) : [];
  if (options.force) gaps.push(...autoCovered.map((a) => a.gap));
  const byFile = new Map<string, Gap[]>();
  for (const g of gaps) byFile.set(g.file, [...(byFile.get(g.file) ?? []), g]);
  // A span not ended on some path (OTW103) is an anti-pattern with a safe fix: its function becomes a
  // target too, with no gap of its own, under the same severity and --only selection.
  const unended = new Map<string, { function: string; line: number }[]>();
  for (const f of run.report.findings) {
    if (f.rule_id !== 'OTW103' || !f.function) continue;
    const asGap = {
      file: f.file,
      function: f.function,
      line: f.line,
      gap_type: 'missing_error_recording',
      severity: f.severity,
    } as Gap;
    if (selectGaps([asGap], { ...options.selection, gapTypes: ['missing_error_recording'] }).length === 0)
      continue;
    unended.set(f.file, [...(unended.get(f.file) ?? []), { function: f.function, line: f.line }]);
    if (!byFile.has(f.file)) byFile.set(f.file, []);
  }

  const summary: InstrumentSummary = {
    root,
    planned: [],
    skipped: [],
    formatted: [],
    dependencies: [],
    validation: [],
    diff: '',
    filesChanged: [],
    dryRun: options.dryRun,
  };
  if (!options.force) {
    summary.skipped.push(
      ...autoCovered.map(({ gap, library }) => ({
        file: gap.file,
        function: gap.function,
        line: gap.line,
        gapType: gap.gap_type,
        reason: autoCoveredReason(library),
      })),
    );
  }

  // Source texts as planners see them, read from disk once per run (a gauge's source search, the file's
  // own plan and, in Go, each file of the package that sees it as a sibling all read the same files).
  const diskTexts = new Map<string, string>();
  const diskText = (abs: string) => {
    let text = diskTexts.get(abs);
    if (text === undefined) {
      text = readTextFile(abs).text;
      diskTexts.set(abs, text);
    }
    return text;
  };

  // Files that may create a queue or pool the standards ask to observe with a gauge.
  const gauges: readonly GaugeSpec[] = metricsSelected ? standards.metrics.gauges : [];
  const gaugesByFile = new Map<string, GaugeSpec[]>();
  if (gauges.length > 0) {
    for (const file of run.files) {
      const absPath = run.absolutePaths.get(file.path);
      if (!absPath || !options.toolkits[familyOf(file.language)]?.gaugePlanner) continue;
      if (!matchesOnly({ file: file.path, function: '' } as Gap, options.selection.only)) continue;
      const mentioned = gaugesMentioned(diskText(absPath), gauges);
      if (mentioned.length === 0) continue;
      gaugesByFile.set(file.path, mentioned);
      if (!byFile.has(file.path)) byFile.set(file.path, []);
    }
  }

  const paths = [...byFile.keys()].sort();
  await loadAdaptersFor(paths);
  if (!options.dryRun && !options.force && insideGit(root)) {
    const dirty = gitDirty(root, paths);
    const blocked = paths.filter((p) => dirty.has(p));
    if (blocked.length > 0) {
      throw new UsageError(
        `${blocked.length} file${blocked.length === 1 ? ' has' : 's have'} uncommitted changes (${blocked.slice(0, 3).join(', ')}${blocked.length > 3 ? ', ...' : ''}): commit or stash them first so the instrumentation diff stands alone, or pass --force`,
      );
    }
  }

  // Handlers as the audit knows them (route from registrations anywhere), by file and function name.
  const resolvedHandlers = new Map<string, HandlerFacts>();
  const resolved = resolveHandlers(run.files);
  for (const file of run.files) {
    for (const fn of file.functions) {
      const handler = resolved.get(functionKey(file, fn))?.handler ?? fn.handler;
      if (handler) resolvedHandlers.set(`${file.path}\0${fn.qualifiedName}`, handler);
    }
  }

  const projectOf = createProjectResolver(root);
  const serviceOf = (path: string, language: Language) =>
    standards.service.name ?? serviceNameOf(root, projectOf(path, language), language);

  // Plan every file (pure), then format; nothing is written yet.
  const factsByPath = new Map(run.files.map((f) => [f.path, f]));
  const declaring = new Map<string, string>();
  const plans: FilePlan[] = [];
  const accountedGauges = new Set<string>();
  for (const path of paths) {
    const fileGaps = byFile.get(path) ?? [];
    const absPath = run.absolutePaths.get(path);
    const cached = factsByPath.get(path);
    const found = loadedAdapterFor(path);
    const skipAll = (reason: string) =>
      summary.skipped.push(
        ...fileGaps.map((g) => ({
          file: path,
          function: g.function,
          line: g.line,
          gapType: g.gap_type,
          reason,
        })),
      );
    if (!absPath || !cached || !found) {
      skipAll('the file was not audited in this run (a stale report, or outside the given paths)');
      continue;
    }
    const family = familyOf(found.language);
    const toolkit = options.toolkits[family];
    if (!toolkit) {
      skipAll(`instrumenting ${found.language} is not supported yet`);
      continue;
    }
    let original = '';
    let next = '';
    let result: { planned: PlannedFunction[] } = { planned: [] };
    const skippedBefore = summary.skipped.length;
    try {
      // Plan on the text as a planner should see it (no BOM, \n line endings); facts are re-extracted from
      // exactly that text so every range is right even for CRLF files or a stale cache.
      original = diskText(absPath);
      const hints = run.hints.get(path) ?? { packageHint: cached.packageName, scopeHint: cached.packageName };
      // Each pass plans from facts of exactly the text it edits; a pass that changed nothing hands the
      // same facts on.
      let known: { text: string; facts: FileFacts } | null = null;
      const factsOf = (text: string): FileFacts => {
        if (known?.text !== text)
          known = {
            text,
            facts: found.adapter.extractFacts({ path, text, language: found.language, ...hints }),
          };
        return known.facts;
      };
      const facts = factsOf(original);
      const targets: PlanTarget[] = [];
      const byFunction = new Map<FunctionFacts, Gap[]>();
      const metricGaps = fileGaps.filter((g) => g.gap_type === 'missing_metric');
      for (const g of fileGaps.filter((x) => x.gap_type !== 'missing_metric')) {
        const fn = findFunction(facts, g);
        if (!fn) {
          summary.skipped.push({
            file: path,
            function: g.function,
            line: g.line,
            gapType: g.gap_type,
            reason: 'function not found (the report is older than the code)',
          });
          continue;
        }
        byFunction.set(fn, [...(byFunction.get(fn) ?? []), g]);
      }
      for (const u of unended.get(path) ?? []) {
        const fn = findFunction(facts, { function: u.function, line: u.line } as Gap);
        if (fn && !byFunction.has(fn)) byFunction.set(fn, []);
      }
      for (const [fn, fnGaps] of byFunction) targets.push({ fn, gaps: fnGaps });
      const wantsTracer = fileGaps.some((g) => g.gap_type === 'missing_span');
      const spanResult = toolkit.planner.plan({
        path,
        text: original,
        facts,
        targets,
        standards,
        service: serviceOf(path, found.language),
        scopeName: hints.scopeHint,
        unsafe: options.unsafe,
        tracer: tracerPlacement(
          family,
          path,
          facts,
          run.files,
          wantsTracer ? declaring : new Map([[dirname(path), '']]),
        ),
      });
      summary.skipped.push(...spanResult.skipped.map((s) => ({ ...s, file: path })));
      next = applyEdits(path, original, spanResult.edits);
      result = { planned: [...spanResult.planned] };
      if (
        options.selection.gapTypes.includes('missing_error_recording') &&
        spanResult.edits.length > 0 &&
        mayNeedFollowUp(facts, original, spanResult.planned, toolkit.handlesFailures)
      ) {
        const spanned = factsOf(next);
        const followUp = followUpTargets(spanned, spanResult.planned, standards);
        if (followUp.length > 0) {
          const tracerName = spanned.tracerVariables[0] ?? 'tracer';
          const more = toolkit.planner.plan({
            path,
            text: next,
            facts: spanned,
            targets: followUp,
            standards,
            service: serviceOf(path, found.language),
            scopeName: hints.scopeHint,
            unsafe: options.unsafe,
            tracer: { existing: tracerName, declareHere: false, name: tracerName },
          });
          summary.skipped.push(...more.skipped.map((s) => ({ ...s, file: path })));
          next = applyEdits(path, next, more.edits);
          result.planned = mergePlanned(result.planned, more.planned);
        }
      }
      // Metrics are planned second, on the text with the spans in, from facts of exactly that text.
      const fileGauges = gaugesByFile.get(path) ?? [];
      if (metricGaps.length > 0 || fileGauges.length > 0) {
        const metrics = planMetrics(toolkit, {
          path,
          text: next,
          gaps: metricGaps,
          gauges: fileGauges,
          factsOf,
          language: found.language,
          scopeName: hints.scopeHint,
          handlers: resolvedHandlers,
          siblings: family === 'go' ? goPackageSiblings(root, absPath, plans, diskText) : undefined,
          request: {
            standards,
            service: serviceOf(path, found.language),
            unsafe: options.unsafe,
          },
        });
        summary.skipped.push(...metrics.skipped.map((s) => ({ ...s, file: path })));
        for (const entry of [...metrics.planned, ...metrics.skipped])
          if (entry.gauge !== undefined) accountedGauges.add(entry.gauge);
        if (metrics.text !== next) {
          next = metrics.text;
          result.planned.push(...metrics.planned);
        }
      }
      // A Go file chosen to declare the package tracer that ended up starting no span (all skipped) hands
      // the declaration on to the package's next file with new spans.
      if (family === 'go' && declaring.get(dirname(path)) === path && !/=\s*otel\.Tracer\(/.test(next)) {
        declaring.delete(dirname(path));
      }
    } catch (err) {
      if (err instanceof UsageError) throw err;
      // A planner bug costs this file, never the run: nothing of it is written, its gaps are listed.
      if (declaring.get(dirname(path)) === path) declaring.delete(dirname(path));
      summary.skipped.length = skippedBefore;
      skipAll(
        `otelwright could not plan this file (${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}); nothing in it was changed. Please report this with the file`,
      );
      continue;
    }
    if (next === original) continue;
    try {
      const formatted = toolkit.formatter.format(absPath, next, root);
      if (formatted.command) summary.formatted.push(`${formatted.command} ${path}`);
      next = formatted.text;
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
      summary.skipped.push(
        ...result.planned.flatMap((p) =>
          p.gapTypes.map((gapType) => ({
            file: path,
            function: p.function,
            line: p.line,
            gapType,
            reason: `the formatter rejected the generated code: ${err.message}`,
          })),
        ),
      );
      continue;
    }
    if (next === original) continue;
    plans.push({ path, absPath, family, original, next, planned: result.planned });
  }

  summary.skipped.push(...unassignedGauges(gauges, accountedGauges, standardsFileOf(run)));

  summary.diff = plans.map((p) => unifiedDiff(p.path, p.original, p.next)).join('');
  if (options.dryRun || plans.length === 0) {
    for (const p of plans) summary.planned.push(...p.planned.map((x) => ({ ...x, file: p.path })));
    summary.filesChanged = plans.map((p) => p.path);
    return summary;
  }

  // Nothing is written when a checker is missing, unless validation is off.
  const families = [...new Set(plans.map((p) => p.family))];
  if (options.validate) {
    for (const family of families) {
      const toolkit = options.toolkits[family] as LanguageToolkit;
      const missing = toolkit.validator.missingToolchain(root);
      if (missing)
        throw new UsageError(
          `${missing}; nothing was written (pass --no-validate to write without checking)`,
        );
    }
  }

  const tx = new Transaction();
  try {
    for (const p of plans) tx.replace(p.absPath, p.next);
    for (const family of families) {
      const toolkit = options.toolkits[family] as LanguageToolkit;
      const files = plans.filter((p) => p.family === family).map((p) => p.absPath);
      for (const manifest of toolkit.dependencies.manifests(files, root)) tx.track(manifest);
      const wired = toolkit.dependencies.apply(files, root);
      summary.dependencies.push(...wired.actions);
    }

    const restored = new Set<string>();
    if (options.validate) {
      for (const family of families) {
        const toolkit = options.toolkits[family] as LanguageToolkit;
        const familyFiles = plans.filter((p) => p.family === family).map((p) => p.absPath);
        for (const batch of toolkit.validator.batches(familyFiles, root)) {
          const planOf = new Map(plans.map((p) => [p.absPath, p]));
          const setEdited = (kept: readonly string[]) => {
            for (const file of batch.files) {
              const plan = planOf.get(file);
              if (!plan) continue;
              if (kept.includes(file)) tx.replace(file, plan.next);
              else tx.restore([file]);
            }
          };
          let first = toolkit.validator.validate(batch);
          // Problems the code had before we touched it are not ours: learn them only when needed.
          let known: ValidationResult['problems'] = [];
          if (!first.ok) {
            setEdited([]);
            known = toolkit.validator.validate(batch).problems;
            setEdited(batch.files);
            first = withoutKnown(first, known);
          }
          const outcome: BatchOutcome = {
            name: batch.name,
            commands: first.commands,
            ok: first.ok,
            restored: [],
            preexisting: known.length,
          };
          if (!first.ok) {
            const isolation = isolateCulprits(batch.files, first, (kept) => {
              setEdited(kept);
              return withoutKnown(toolkit.validator.validate(batch), known);
            });
            setEdited(isolation.kept);
            for (const culprit of isolation.culprits) {
              restored.add(culprit);
              const failure = isolation.failures.get(culprit) as ValidationResult;
              const message =
                failure.problems.find((pr) => pr.file === culprit)?.message ??
                failure.problems[0]?.message ??
                'the checker failed';
              outcome.restored.push({ file: planOf.get(culprit)?.path ?? culprit, message });
            }
            outcome.ok = withoutKnown(toolkit.validator.validate(batch), known).ok;
          }
          summary.validation.push(outcome);
        }
      }
    }

    for (const p of plans) {
      if (restored.has(p.absPath)) {
        const message =
          summary.validation.flatMap((v) => v.restored).find((r) => r.file === p.path)?.message ?? '';
        summary.skipped.push(
          ...p.planned.flatMap((x) =>
            x.gapTypes.map((gapType) => ({
              file: p.path,
              function: x.function,
              line: x.line,
              gapType,
              reason: `validation failed, file restored: ${message}`,
            })),
          ),
        );
      } else {
        summary.planned.push(...p.planned.map((x) => ({ ...x, file: p.path })));
        summary.filesChanged.push(p.path);
      }
    }
    summary.diff = plans
      .filter((p) => !restored.has(p.absPath))
      .map((p) => unifiedDiff(p.path, p.original, p.next))
      .join('');
    tx.commit();
  } catch (err) {
    tx.rollback();
    throw err;
  }
  return summary;
}

/** A result judged only on the problems our edits introduced. */
function withoutKnown(result: ValidationResult, known: ValidationResult['problems']): ValidationResult {
  if (result.ok || known.length === 0) return result;
  const fresh = result.problems.filter(
    (p) => !known.some((k) => k.file === p.file && k.message === p.message),
  );
  return { ...result, ok: fresh.length === 0, problems: fresh };
}

interface MetricsInput {
  path: string;
  text: string;
  gaps: Gap[];
  gauges: readonly GaugeSpec[];
  /** Facts of a text of this file (cached for the text last asked about). */
  factsOf: (text: string) => FileFacts;
  language: Language;
  scopeName: string;
  handlers: Map<string, HandlerFacts>;
  siblings: readonly SiblingFile[] | undefined;
  request: Pick<PlanRequest, 'standards' | 'service' | 'unsafe'>;
}

interface MetricsOutcome {
  text: string;
  planned: PlannedFunction[];
  skipped: SkippedGap[];
}

/**
 * The metrics pass over one file's (possibly already instrumented) text: handler metrics, then the
 * standards' gauges on the text with the handler metrics in. Each pass plans from facts of exactly the
 * text it edits.
 */
function planMetrics(toolkit: LanguageToolkit, input: MetricsInput): MetricsOutcome {
  const outcome: MetricsOutcome = { text: input.text, planned: [], skipped: [] };
  const { factsOf } = input;
  if (input.gaps.length > 0) {
    if (toolkit.metricsPlanner) {
      const handlers = planHandlerMetrics(toolkit.metricsPlanner, input, factsOf(input.text));
      outcome.text = applyEdits(input.path, input.text, handlers.edits);
      outcome.planned.push(...handlers.planned);
      outcome.skipped.push(...handlers.skipped);
    } else {
      outcome.skipped.push(
        ...input.gaps.map((g) => ({
          function: g.function,
          line: g.line,
          gapType: g.gap_type,
          reason: `metrics scaffolding is not available for ${input.language} yet`,
        })),
      );
    }
  }
  if (input.gauges.length > 0 && toolkit.gaugePlanner) {
    const gauges = toolkit.gaugePlanner.plan({
      path: input.path,
      text: outcome.text,
      facts: factsOf(outcome.text),
      standards: input.request.standards,
      service: input.request.service,
      scopeName: input.scopeName,
      gauges: input.gauges,
      siblings: input.siblings,
    });
    outcome.text = applyEdits(input.path, outcome.text, gauges.edits);
    outcome.planned.push(...gauges.planned);
    outcome.skipped.push(...gauges.skipped);
  }
  return outcome;
}

function planHandlerMetrics(planner: InstrumentPlanner, input: MetricsInput, facts: FileFacts): PlanResult {
  const targets: PlanTarget[] = [];
  const missing: Gap[] = [];
  for (const g of input.gaps) {
    const fn = facts.functions.find((f) => f.qualifiedName === g.function);
    if (!fn) {
      missing.push(g);
      continue;
    }
    const handler = input.handlers.get(`${input.path}\0${fn.qualifiedName}`) ?? fn.handler;
    targets.push({ fn: { ...fn, handler }, gaps: [g] });
  }
  const result = planner.plan({
    path: input.path,
    text: input.text,
    facts,
    targets,
    ...input.request,
    scopeName: input.scopeName,
    tracer: {
      existing: facts.tracerVariables[0] ?? null,
      declareHere: false,
      name: facts.tracerVariables[0] ?? 'tracer',
    },
    siblings: input.siblings,
  });
  return {
    ...result,
    skipped: [
      ...result.skipped,
      ...missing.map((g) => ({
        function: g.function,
        line: g.line,
        gapType: g.gap_type,
        reason: 'function not found (the report is older than the code)',
      })),
    ],
  };
}

/**
 * The other files of a Go package (its directory), as this run leaves them: planned text for files
 * planned earlier in the run, the disk's for the rest. Test files count: `go vet` compiles them with
 * the package.
 */
function goPackageSiblings(
  root: string,
  absPath: string,
  plans: readonly FilePlan[],
  diskText: (absPath: string) => string,
): SiblingFile[] {
  const dir = dirname(absPath);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.go'));
  } catch {
    return [];
  }
  const planned = new Map(plans.map((p) => [p.absPath, p.next]));
  const siblings: SiblingFile[] = [];
  for (const name of names.sort()) {
    const sibling = join(dir, name);
    if (sibling === absPath) continue;
    try {
      siblings.push({
        path: relative(root, sibling).split('\\').join('/'),
        text: planned.get(sibling) ?? diskText(sibling),
      });
    } catch {
      // An unreadable sibling declares nothing we could reuse.
    }
  }
  return siblings;
}

/** Where gauge problems point: the standards file, else the default name. */
function standardsFileOf(run: AuditRun): string {
  return run.standardsSource
    ? relative(run.root, run.standardsSource) || run.standardsSource
    : 'otelwright.yaml';
}
