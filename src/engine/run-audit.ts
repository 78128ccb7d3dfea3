// The audit as a user runs it: standards → discovery → facts (cached, in parallel) → rules → report.
// The only module of the audit that touches the disk; everything it calls into is pure or narrow.
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { type AuditInput, audit } from '../audit/audit.js';
import type { ParseProblem, Report, SkippedFile } from '../audit/model.js';
import { descriptorFor } from '../lang/catalog.js';
import type { AutoInstrumentation, FileFacts, Language, SourceFile } from '../lang/facts.js';
import { loadStandards } from '../standards/load.js';
import type { Standards } from '../standards/types.js';
import { UsageError } from '../util/usage-error.js';
import { discoverFiles } from '../workspace/discover.js';
import { createPackageResolver, diskReader } from '../workspace/packages.js';
import { findProcessAutoInstrumentation } from '../workspace/process-auto-instrumentation.js';
import { createProjectResolver } from '../workspace/projects.js';
import { readSource } from '../workspace/read.js';
import { FactsCache, SKIP_KEY as SKIP } from './cache.js';
import { extractAll } from './pool.js';
import { TOOL_VERSION } from './version.js';

export interface AuditRunOptions {
  paths: string[];
  cwd: string;
  /** Explicit `--config`; null means look for otelwright.yaml from cwd upwards. */
  configPath: string | null;
  /** Cache directory; null disables the cache. Default: `<root>/.otelwright_cache`. */
  cacheDir: string | null | undefined;
  jobs: number;
  includeFunctions: boolean;
  /** Instrument needs every file's facts: never answer from the remembered report. */
  needFacts?: boolean;
}

export interface AuditRun {
  report: Report;
  root: string;
  standards: Standards;
  standardsSource: string | null;
  /** Files whose facts were computed this run (the rest came from the cache). */
  analysed: number;
  /** Facts of every audited file, sorted by path (instrument plans from these). */
  files: FileFacts[];
  /** Absolute path of each audited file by report path. */
  absolutePaths: Map<string, string>;
  /** Package label and instrumentation scope (Go import path, npm package, Python module) by report path. */
  hints: Map<string, { packageHint: string; scopeHint: string }>;
  /** What the report was computed from (null when it was remembered): callers may re-audit with other options. */
  auditInput: AuditInput | null;
}

type FileStat = { size: number; mtimeMs: number };

interface Pending {
  absPath: string;
  size: number;
  mtimeMs: number;
  parts: string;
  key: string;
  source: SourceFile;
}

export async function runAudit(options: AuditRunOptions): Promise<AuditRun> {
  const { standards, source: standardsSource } = loadStandards(options.configPath, options.cwd);
  const discovery = await discoverFiles(options.paths.length > 0 ? options.paths : ['.'], {
    cwd: options.cwd,
    include: standards.include,
    exclude: standards.exclude,
  });
  if (discovery.missing.length > 0) {
    throw new UsageError(
      `${discovery.missing.map((m) => `"${m}"`).join(', ')} ${discovery.missing.length === 1 ? 'does' : 'do'} not exist: pass files or directories that exist (paths are relative to ${options.cwd})`,
    );
  }
  const root = discovery.root;
  const cache =
    options.cacheDir === null
      ? FactsCache.disabled(TOOL_VERSION)
      : FactsCache.open(options.cacheDir ?? resolve(root, '.otelwright_cache'), TOOL_VERSION);
  const hintsFor = createPackageResolver(diskReader, root);

  const skipped: SkippedFile[] = [...discovery.skipped];
  const hintsByPath = new Map<string, { packageHint: string; scopeHint: string }>();
  const stamped: { file: (typeof discovery.files)[number]; stat: FileStat; parts: string; key: string }[] =
    [];
  const unstamped: { file: (typeof discovery.files)[number]; stat: FileStat; parts: string }[] = [];
  for (const file of discovery.files) {
    const found = descriptorFor(file.path);
    if (!found) continue;
    let stat: FileStat;
    try {
      stat = statSync(file.absPath);
    } catch (err) {
      skipped.push({
        file: file.path,
        reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      continue;
    }
    const hints = hintsFor(file.absPath, found.language);
    hintsByPath.set(file.path, hints);
    const parts = `${found.descriptor.id}@${found.descriptor.factsVersion}|${file.path}|${found.language}|${hints.packageHint}|${hints.scopeHint}`;
    const key = cache.keyByStamp(file.absPath, stat.size, stat.mtimeMs, parts);
    if (key) stamped.push({ file, stat, parts, key });
    else unstamped.push({ file, stat, parts });
  }

  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const externalAuto: { language: Language; auto: AutoInstrumentation; file: string }[] =
    findProcessAutoInstrumentation(paths, options.cwd).map((d) => ({
      language: d.language,
      file: d.file,
      auto: {
        library: d.library,
        line: d.line,
        covers: { serverSpans: true, serverMetrics: true, clientSpans: true },
      },
    }));

  // Nothing changed since the last run with the same inputs: its report is the answer.
  const inputs = JSON.stringify([
    TOOL_VERSION,
    standards,
    options.includeFunctions,
    externalAuto,
    discovery.skipped,
    root,
  ]);
  const runKeyOf = (keys: readonly string[]) => FactsCache.key(inputs, keys.join('\n'));
  const keyByPath = new Map<string, string>(stamped.map((s) => [s.file.path, s.key]));
  const runKey = unstamped.length === 0 ? runKeyOf(stamped.map((s) => s.key)) : null;
  const remembered = runKey && !options.needFacts ? cache.report(runKey) : null;
  if (remembered) {
    return {
      report: remembered,
      root,
      standards,
      standardsSource,
      analysed: 0,
      files: [],
      absolutePaths: new Map(discovery.files.map((f) => [f.path, f.absPath])),
      hints: hintsByPath,
      auditInput: null,
    };
  }

  const cached: FileFacts[] = [];
  const pending: Pending[] = [];
  const toRead = [...unstamped];
  for (const s of stamped) {
    if (s.key.startsWith(SKIP)) skipped.push({ file: s.file.path, reason: s.key.slice(SKIP.length) });
    else {
      const facts = cache.byKey(s.key);
      if (facts) cached.push(facts);
      else toRead.push(s);
    }
  }
  for (const { file, stat, parts } of toRead) {
    const read = readSource(file.absPath, stat.size);
    if ('skip' in read) {
      skipped.push({ file: file.path, reason: read.skip });
      cache.restamp(file.absPath, stat.size, stat.mtimeMs, parts, `${SKIP}${read.skip}`);
      keyByPath.set(file.path, `${SKIP}${read.skip}`);
      continue;
    }
    const key = FactsCache.key(parts, read.text);
    keyByPath.set(file.path, key);
    const byContent = cache.byKey(key);
    if (byContent) {
      cache.restamp(file.absPath, stat.size, stat.mtimeMs, parts, key);
      cached.push(byContent);
      continue;
    }
    const found = descriptorFor(file.path);
    if (!found) continue;
    const hints = hintsByPath.get(file.path) ?? { packageHint: '', scopeHint: '' };
    pending.push({
      absPath: file.absPath,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      parts,
      key,
      source: { path: file.path, text: read.text, language: found.language, ...hints },
    });
  }

  const results = await extractAll(
    pending.map((p) => p.source),
    options.jobs,
  );
  const fresh: FileFacts[] = [];
  const parseErrors: ParseProblem[] = [];
  results.forEach((result, i) => {
    const p = pending[i];
    if (!p) return;
    if (!result.ok) {
      parseErrors.push({ file: result.path, line: 1, column: 1, message: result.message });
      keyByPath.delete(p.source.path);
      return;
    }
    cache.store(p.absPath, p.size, p.mtimeMs, p.parts, p.key, result.facts);
    fresh.push(result.facts);
  });

  const audited: FileFacts[] = [];
  for (const facts of [...cached, ...fresh]) {
    if (facts.generated) {
      skipped.push({ file: facts.path, reason: 'generated file (Code generated ... DO NOT EDIT)' });
    } else if (facts.parseErrors.length > 0) {
      const first = facts.parseErrors[0] ?? { line: 1, column: 1 };
      parseErrors.push({
        file: facts.path,
        line: first.line,
        column: first.column,
        message: `syntax error${facts.parseErrors.length > 1 ? ` (and ${facts.parseErrors.length - 1} more)` : ''}: fix the file so it parses; its functions were not audited`,
      });
    } else {
      audited.push(facts);
    }
  }
  audited.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const auditInput: AuditInput = {
    files: audited,
    standards,
    externalAuto,
    skipped,
    parseErrors,
    service: standards.service.name ?? basename(root),
    projectOf: createProjectResolver(root),
    includeFunctions: options.includeFunctions,
    toolVersion: TOOL_VERSION,
  };
  const report = audit(auditInput);
  // Remember the report under the key the next run computes when nothing changed (every file stamped,
  // in discovery order, as the lookup above sees them).
  if ([...stamped, ...unstamped].every((x) => keyByPath.has(x.file.path))) {
    const keys = discovery.files
      .map((f) => keyByPath.get(f.path))
      .filter((k): k is string => k !== undefined);
    cache.rememberReport(runKeyOf(keys), report);
  }
  cache.save();
  const absolutePaths = new Map(discovery.files.map((f) => [f.path, f.absPath]));
  return {
    report,
    root,
    standards,
    standardsSource,
    analysed: pending.length,
    files: audited,
    absolutePaths,
    hints: hintsByPath,
    auditInput,
  };
}
