// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, one rule descriptor per rule,
// one result per gap and per finding. Code scanning matches alerts across commits by
// partialFingerprints.primaryLocationLineHash, so ours hashes what identifies the problem (rule, file,
// function, gap type) and not the line, which moves with every edit above it.
import { createHash } from 'node:crypto';
import type { Report } from '../audit/model.js';
import type { RuleMeta } from '../audit/rule.js';
import type { Severity } from '../standards/types.js';
import { worstFirst } from './severity.js';

export interface SarifOptions {
  toolVersion: string;
  informationUri?: string;
  /**
   * Where the audit root sits in the repository (`services/orders`), POSIX. Code scanning resolves
   * relative paths against the repository root; report paths are relative to the audit root.
   */
  uriPrefix?: string;
  /** Code scanning rejects a run with more than 25,000 results; beyond this the least severe are left out. */
  maxResults?: number;
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const GITHUB_MAX_RESULTS = 25_000;

type Level = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): Level {
  if (severity === 'critical' || severity === 'high') return 'error';
  return severity === 'medium' ? 'warning' : 'note';
}

/** GitHub's `problem.severity` for non-security rules. */
function problemSeverity(severity: Severity): 'error' | 'warning' | 'recommendation' {
  const level = sarifLevel(severity);
  return level === 'note' ? 'recommendation' : level;
}

/** One gap or finding, as SARIF sees it. */
interface Item {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  fn: string | null;
  gapType: string | null;
  properties: Record<string, unknown>;
}

function itemsOf(report: Report): Item[] {
  const gaps = report.gaps.map<Item>((g) => ({
    ruleId: g.rule_id,
    severity: g.severity,
    message: g.rationale || `${g.gap_type} in ${g.function}`,
    file: g.file,
    line: g.line,
    column: g.column,
    fn: g.function,
    gapType: g.gap_type,
    properties: {
      severity: g.severity,
      gap_type: g.gap_type,
      ...(g.suggested_span_name === null ? {} : { suggested_span_name: g.suggested_span_name }),
      ...(g.details.length === 0 ? {} : { details: g.details }),
    },
  }));
  const findings = report.findings.map<Item>((f) => ({
    ruleId: f.rule_id,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    fn: f.function,
    gapType: null,
    properties: { severity: f.severity },
  }));
  return [...gaps, ...findings];
}

/** A relative, percent-encoded, POSIX URI reference for a report path. */
export function artifactUri(file: string, prefix = ''): string {
  const joined = [prefix, file]
    .map((p) =>
      p
        .replaceAll('\\', '/')
        .replace(/^(\.\/)+/, '')
        .replace(/\/+$/, ''),
    )
    .filter((p) => p !== '' && p !== '.')
    .join('/');
  return joined.split('/').map(encodeURIComponent).join('/');
}

/**
 * `hash:n` like CodeQL's fingerprints: n counts earlier results with the same identity (two findings of
 * one rule in one function), so each keeps its own alert.
 */
function fingerprints(items: readonly Item[], uris: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return items.map((item, i) => {
    const identity = [item.ruleId, uris[i], item.fn ?? '', item.gapType ?? ''].join('\u0000');
    const hash = createHash('sha256').update(identity).digest('hex').slice(0, 16);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}

function physicalLocation(uri: string, line: number, column: number) {
  const region =
    line >= 1 ? { region: { startLine: line, ...(column >= 1 ? { startColumn: column } : {}) } } : {};
  return { artifactLocation: { uri, uriBaseId: SRCROOT }, ...region };
}

function logicalLocation(fn: string) {
  const name = fn.slice(fn.lastIndexOf('.') + 1);
  return { name, fullyQualifiedName: fn, kind: fn.includes('.') ? 'member' : 'function' };
}

function ruleDescriptor(meta: RuleMeta) {
  const tags = [
    'opentelemetry',
    'observability',
    meta.kind === 'gap' ? 'instrumentation-gap' : 'anti-pattern',
  ];
  return {
    id: meta.id,
    name: meta.name,
    // Code scanning shows both descriptions and cuts them at 1024 characters.
    shortDescription: { text: meta.description.slice(0, 1024) },
    fullDescription: { text: `${meta.description} ${meta.help}`.slice(0, 1024) },
    help: {
      text: meta.help,
      markdown: [
        `**${meta.id} ${meta.name}**: ${meta.description}`,
        meta.help,
        `To accept a function as it is, put \`otelwright-ignore: ${meta.id} <reason>\` on or above it.`,
      ].join('\n\n'),
    },
    defaultConfiguration: { level: sarifLevel(meta.defaultSeverity) },
    properties: { tags, 'problem.severity': problemSeverity(meta.defaultSeverity) },
  };
}

/** A descriptor for a rule id the registry does not know (a report written by another tool). */
function unknownRule(id: string): RuleMeta {
  return {
    id,
    name: id,
    description: `Rule ${id}.`,
    help: `${id} is not an otelwright rule; the report that named it was written elsewhere.`,
    kind: 'gap',
    gapType: null,
    defaultSeverity: 'medium',
  };
}

function notifications(report: Report, uriPrefix: string, left: number, total: number) {
  const skipped = report.skipped.map((s) => ({
    level: 'note' as const,
    message: { text: `Not audited: ${s.reason}` },
    locations: [{ physicalLocation: physicalLocation(artifactUri(s.file, uriPrefix), 0, 0) }],
  }));
  const parseErrors = report.parse_errors.map((p) => ({
    level: 'warning' as const,
    message: { text: `Parse error: ${p.message}. Functions in this file may be missing from the results.` },
    locations: [{ physicalLocation: physicalLocation(artifactUri(p.file, uriPrefix), p.line, p.column) }],
  }));
  const truncated =
    left === total
      ? []
      : [
          {
            level: 'warning' as const,
            message: {
              text: `Only the ${left} most severe of ${total} results are included: code scanning rejects a run with more.`,
            },
          },
        ];
  return [...truncated, ...parseErrors, ...skipped];
}

export function toSarif(report: Report, rules: readonly RuleMeta[], opts: SarifOptions): string {
  const uriPrefix = opts.uriPrefix ?? '';
  const all = itemsOf(report);
  const uris = all.map((item) => artifactUri(item.file, uriPrefix));
  const prints = fingerprints(all, uris);
  const indexed = all.map((item, i) => ({
    item,
    uri: uris[i] ?? '',
    print: prints[i] ?? '',
    severity: item.severity,
  }));
  const keep = new Set(worstFirst(indexed).slice(0, opts.maxResults ?? GITHUB_MAX_RESULTS));
  const results = indexed.filter((entry) => keep.has(entry));

  const descriptors = [...rules];
  for (const { item } of results) {
    if (!descriptors.some((d) => d.id === item.ruleId)) descriptors.push(unknownRule(item.ruleId));
  }
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'otelwright',
            version: opts.toolVersion,
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            rules: descriptors.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notifications(report, uriPrefix, results.length, all.length),
          },
        ],
        originalUriBaseIds: {
          [SRCROOT]: {
            description: {
              text: uriPrefix
                ? 'The repository root; result paths are relative to it.'
                : 'The directory otelwright audited; result paths are relative to it.',
            },
          },
        },
        results: results.map(({ item, uri, print }) => ({
          ruleId: item.ruleId,
          ruleIndex: ruleIndex.get(item.ruleId) ?? 0,
          level: sarifLevel(item.severity),
          message: { text: item.message },
          locations: [
            {
              physicalLocation: physicalLocation(uri, item.line, item.column),
              ...(item.fn === null ? {} : { logicalLocations: [logicalLocation(item.fn)] }),
            },
          ],
          partialFingerprints: { primaryLocationLineHash: print },
          properties: item.properties,
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
