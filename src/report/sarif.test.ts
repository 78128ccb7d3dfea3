import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Report } from '../audit/model.js';
import { RULE_METAS } from '../audit/rules/index.js';
import { sampleReport } from './__fixtures__/sample-report.js';
import { parseReport } from './json.js';
import { artifactUri, SARIF_SCHEMA_URI, toSarif } from './sarif.js';

/** The item at `index`, or a test failure naming it. */
function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

/** The OASIS SARIF 2.1.0 schema (draft-07), as shipped inside an npm package; never copied here. */
function officialSarifSchema(): Record<string, unknown> {
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve('@datadog/datadog-ci-plugin-sarif/package.json'));
  return JSON.parse(readFileSync(join(pkg, 'dist/json-schema/sarif-schema-2.1.0.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

const schema = officialSarifSchema();
const ajv = new Ajv({ allErrors: true });
// ajv-formats is CommonJS: under NodeNext its default import is module.exports, which carries .default.
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region?: { startLine: number; startColumn?: number };
    };
    logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
  }[];
  partialFingerprints: { primaryLocationLineHash: string };
  properties: Record<string, unknown>;
}

interface RuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[] };
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: { name: string; version: string; informationUri?: string; rules: RuleDescriptor[] };
    };
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: string; message: { text: string }; locations?: unknown[] }[];
    }[];
    originalUriBaseIds: Record<string, unknown>;
    results: SarifResult[];
  }[];
}

const OPTS = { toolVersion: '0.1.0', informationUri: 'https://github.com/example/otelwright' };

function sarifOf(report: Report, opts: Parameters<typeof toSarif>[2] = OPTS): SarifLog {
  return JSON.parse(toSarif(report, RULE_METAS, opts)) as SarifLog;
}

function run(report: Report, opts?: Parameters<typeof toSarif>[2]) {
  const first = sarifOf(report, opts).runs[0];
  if (!first) throw new Error('no run');
  return first;
}

describe('toSarif against the official SARIF 2.1.0 schema', () => {
  it('uses the OASIS schema itself', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(
      'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json',
    );
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  });

  const seedOnly = parseReport(
    JSON.stringify({
      files_audited: 1,
      gaps: [{ file: 'a.go', function: 'F', gap_type: 'missing_span', severity: 'high' }],
      coverage_score: 0,
    }),
    'seed.json',
  );
  const foreignRule = sampleReport();
  nth(foreignRule.findings, 0).rule_id = 'XYZ42';
  const cases: [string, Report][] = [
    ['the sample report', sampleReport()],
    ['a seed-only report without lines', seedOnly],
    ['a report naming a rule the registry lacks', foreignRule],
    ['an empty report', { ...sampleReport(), gaps: [], findings: [], skipped: [], parse_errors: [] }],
  ];
  it.each(cases)('%s validates', (_name, report) => {
    const valid = validateSarif(JSON.parse(toSarif(report, RULE_METAS, OPTS)));
    expect(valid, JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
  });

  it('rejects a result without a message (the validation can fail)', () => {
    const log = sarifOf(sampleReport());
    delete (nth(log.runs, 0).results[0] as Partial<SarifResult>).message;
    expect(validateSarif(log)).toBe(false);
  });
});

describe('toSarif content', () => {
  it('describes the tool and every rule of the registry', () => {
    const log = sarifOf(sampleReport());
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = nth(log.runs, 0).tool.driver;
    expect(driver).toMatchObject({
      name: 'otelwright',
      version: '0.1.0',
      informationUri: OPTS.informationUri,
    });
    expect(driver.rules.map((r) => r.id)).toEqual(RULE_METAS.map((m) => m.id));
    const missingSpan = nth(driver.rules, 0);
    const meta = nth(RULE_METAS, 0);
    expect(missingSpan).toMatchObject({
      id: 'OTW001',
      name: 'missing-span',
      shortDescription: { text: meta.description },
      help: { text: meta.help },
      properties: { tags: ['opentelemetry', 'observability', 'instrumentation-gap'] },
    });
    expect(missingSpan.fullDescription.text).toContain(meta.description);
    expect(missingSpan.help.markdown).toContain('otelwright-ignore: OTW001');
    const pii = driver.rules.find((r) => r.id === 'OTW104')!;
    expect(pii.defaultConfiguration.level).toBe('error');
    expect(pii.properties.tags).toContain('anti-pattern');
    expect(driver.rules.find((r) => r.id === 'OTW102')!.defaultConfiguration.level).toBe('note');
  });

  it('leaves informationUri out when none is given', () => {
    expect(run(sampleReport(), { toolVersion: '1.2.3' }).tool.driver).not.toHaveProperty('informationUri');
  });

  it('reports every gap and every finding with its rule, level and message', () => {
    const report = sampleReport();
    const { results, tool } = run(report);
    expect(results).toHaveLength(report.gaps.length + report.findings.length);
    for (const r of results) expect(tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const first = nth(results, 0);
    expect(first).toMatchObject({
      ruleId: 'OTW001',
      level: 'error',
      message: { text: nth(report.gaps, 0).rationale },
      properties: { severity: 'critical', gap_type: 'missing_span', suggested_span_name: 'orders.Create' },
    });
    expect(results.map((r) => r.level)).toEqual([
      ...report.gaps.map(
        (g) => ({ critical: 'error', high: 'error', medium: 'warning', low: 'note' })[g.severity],
      ),
      ...report.findings.map(
        (f) => ({ critical: 'error', high: 'error', medium: 'warning', low: 'note' })[f.severity],
      ),
    ]);
    const finding = results[report.gaps.length]!;
    expect(finding).toMatchObject({
      ruleId: 'OTW101',
      message: { text: nth(report.findings, 0).message },
      properties: { severity: 'medium' },
    });
    expect(finding.properties).not.toHaveProperty('gap_type');
    expect(nth(results, 3).properties.details).toEqual(['88', '95']);
  });

  it('locates results by relative POSIX uri, line and column, and names the function', () => {
    const { results } = run(sampleReport());
    expect(nth(results, 5).locations[0]).toEqual({
      physicalLocation: {
        artifactLocation: { uri: 'web/src/api/checkout.ts', uriBaseId: '%SRCROOT%' },
        region: { startLine: 18, startColumn: 3 },
      },
      logicalLocations: [{ name: 'submit', fullyQualifiedName: 'CheckoutController.submit', kind: 'member' }],
    });
    expect(nth(nth(results, 6).locations, 0).logicalLocations).toEqual([
      { name: 'fetchInventory', fullyQualifiedName: 'fetchInventory', kind: 'function' },
    ]);
    const moduleLevel = results.at(-1)!;
    expect(moduleLevel.ruleId).toBe('OTW109');
    expect(moduleLevel.locations[0]).not.toHaveProperty('logicalLocations');
  });

  it('leaves the region out when the line is unknown', () => {
    const seedOnly = parseReport(
      JSON.stringify({
        files_audited: 1,
        gaps: [{ file: 'a.go', function: 'F', gap_type: 'missing_span', severity: 'high' }],
        coverage_score: 0,
      }),
      'seed.json',
    );
    expect(nth(nth(run(seedOnly).results, 0).locations, 0).physicalLocation).toEqual({
      artifactLocation: { uri: 'a.go', uriBaseId: '%SRCROOT%' },
    });
  });

  it('fingerprints a result by rule, file, function and gap type, so edits that move lines keep the alert', () => {
    const before = run(sampleReport()).results.map((r) => r.partialFingerprints.primaryLocationLineHash);
    const moved = sampleReport();
    for (const g of moved.gaps) g.line += 17;
    for (const f of moved.findings) f.line += 17;
    const after = run(moved).results.map((r) => r.partialFingerprints.primaryLocationLineHash);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
    for (const print of before) expect(print).toMatch(/^[0-9a-f]{16}:\d+$/);
  });

  it('numbers results that share an identity, like two findings of one rule in one function', () => {
    const prints = run(sampleReport())
      .results.filter((r) => r.ruleId === 'OTW107')
      .map((r) => r.partialFingerprints.primaryLocationLineHash);
    expect(prints).toHaveLength(2);
    const [a, b] = prints.map((p) => p.split(':'));
    expect(a![0]).toBe(b![0]);
    expect([a![1], b![1]]).toEqual(['1', '2']);
  });

  it('gives different fingerprints to the same rule in another function or another gap type', () => {
    const { results } = run(sampleReport());
    const refund = results.filter(
      (r) => nth(r.locations, 0).logicalLocations?.[0]?.fullyQualifiedName === 'OrderService.Refund',
    );
    expect(refund.map((r) => r.properties.gap_type)).toEqual([
      'missing_error_recording',
      'missing_attributes',
    ]);
    expect(nth(refund, 0).partialFingerprints.primaryLocationLineHash).not.toBe(
      nth(refund, 1).partialFingerprints.primaryLocationLineHash,
    );
    const renamed = sampleReport();
    nth(renamed.gaps, 2).function = 'OrderService.Pay';
    expect(nth(run(renamed).results, 2).partialFingerprints).not.toEqual(nth(results, 2).partialFingerprints);
  });

  it('puts skipped files and parse errors in the invocation notifications', () => {
    const [invocation] = run(sampleReport()).invocations;
    expect(invocation!.executionSuccessful).toBe(true);
    const notes = invocation!.toolExecutionNotifications;
    expect(notes).toHaveLength(3);
    expect(notes[0]).toEqual({
      level: 'warning',
      message: {
        text: 'Parse error: unexpected token. Functions in this file may be missing from the results.',
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'web/src/legacy/broken.js', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 14 },
          },
        },
      ],
    });
    expect(notes[1]).toMatchObject({
      level: 'note',
      message: { text: 'Not audited: generated file (Code generated ... DO NOT EDIT.)' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'internal/orders/orders.pb.go' } } }],
    });
  });

  it('declares %SRCROOT% and prefixes paths with where the audit root sits in the repository', () => {
    const prefixed = run(sampleReport(), { ...OPTS, uriPrefix: 'services\\shop/' });
    expect(prefixed.originalUriBaseIds).toHaveProperty('%SRCROOT%');
    expect(nth(nth(prefixed.results, 0).locations, 0).physicalLocation.artifactLocation.uri).toBe(
      'services/shop/internal/orders/handler.go',
    );
    expect(artifactUri('./docs and notes/a#b.go')).toBe('docs%20and%20notes/a%23b.go');
    expect(artifactUri('a.go', '.')).toBe('a.go');
  });

  it('keeps the most severe results when there are more than code scanning accepts, and says so', () => {
    const limited = run(sampleReport(), { ...OPTS, maxResults: 3 });
    expect(limited.results.map((r) => r.level)).toEqual(['error', 'error', 'error']);
    // The kept results stay in the report's order.
    expect(limited.results.map((r) => r.properties.severity)).toEqual(['critical', 'high', 'critical']);
    expect(limited.results.map((r) => nth(r.locations, 0).physicalLocation.region?.startLine)).toEqual([
      31, 31, 18,
    ]);
    expect(nth(nth(limited.invocations, 0).toolExecutionNotifications, 0).message.text).toBe(
      'Only the 3 most severe of 15 results are included: code scanning rejects a run with more.',
    );
    expect(validateSarif(sarifOf(sampleReport(), { ...OPTS, maxResults: 3 }))).toBe(true);
  });

  it('adds a descriptor for a rule the registry does not know, so ruleIndex stays valid', () => {
    const report = sampleReport();
    nth(report.findings, 0).rule_id = 'XYZ42';
    const { results, tool } = run(report);
    const foreign = results.find((r) => r.ruleId === 'XYZ42')!;
    expect(tool.driver.rules[foreign.ruleIndex]!.id).toBe('XYZ42');
    expect(tool.driver.rules).toHaveLength(RULE_METAS.length + 1);
  });
});
