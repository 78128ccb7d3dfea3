import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { RULE_METAS } from '../audit/rules/index.js';
import { sampleReport } from './__fixtures__/sample-report.js';
import { toJson } from './json.js';
import { ANTI_PATTERN_RULE_IDS, GAP_RULE_IDS } from './rule-ids.js';
import { loadReportSchema, REPORT_SCHEMA_FILE, STRICT_REPORT_SCHEMA_FILE } from './schemas.js';

/** The item at `index`, or a test failure naming it. */
function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

type Schema = Record<string, unknown>;

/** The seed article's Phase 2 schema, verbatim. */
const SEED_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    files_audited: { type: 'integer' },
    gaps: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          file: { type: 'string' },
          function: { type: 'string' },
          line: { type: 'integer' },
          gap_type: {
            enum: ['missing_span', 'missing_error_recording', 'missing_attributes', 'missing_metric'],
          },
          severity: { enum: ['critical', 'high', 'medium', 'low'] },
          rationale: { type: 'string' },
        },
        required: ['file', 'function', 'gap_type', 'severity'],
      },
    },
    coverage_score: { type: 'number', minimum: 0, maximum: 100 },
  },
  required: ['files_audited', 'gaps', 'coverage_score'],
};

const base = loadReportSchema(REPORT_SCHEMA_FILE);
const strict = loadReportSchema(STRICT_REPORT_SCHEMA_FILE);

function compile(schema: Schema) {
  return new Ajv2020({ allowUnionTypes: true }).compile(schema);
}

/** Follows a local `#/$defs/name` reference. */
function deref(root: Schema, node: Schema): Schema {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const name = ref.replace('#/$defs/', '');
  return (root.$defs as Record<string, Schema>)[name] ?? {};
}

/**
 * Every subschema of `node` (properties, items, anyOf members, definitions), depth first, with a label
 * that names it the same way in both schemas: its property or definition name, `[]` for array items.
 */
function* subschemas(node: Schema, label = 'root'): Generator<[string, Schema]> {
  yield [label, node];
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
    yield* subschemas(child, key);
  }
  for (const [key, child] of Object.entries((node.$defs ?? {}) as Record<string, Schema>)) {
    yield* subschemas(child, key);
  }
  if (node.items && typeof node.items === 'object') yield* subschemas(node.items as Schema, `${label}[]`);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    yield* subschemas(node.additionalProperties as Schema, `${label}{}`);
  }
  for (const member of (node.anyOf ?? []) as Schema[]) yield* subschemas(member, label);
}

function isObjectSchema(node: Schema): boolean {
  const type = node.type;
  return type === 'object' || (Array.isArray(type) && type.includes('object')) || 'properties' in node;
}

/** Labels of object schemas that are open or leave a property optional. */
function notStrict(schema: Schema): string[] {
  const problems: string[] = [];
  for (const [label, node] of subschemas(schema)) {
    if (!isObjectSchema(node)) continue;
    if (node.additionalProperties !== false) problems.push(`${label}: additionalProperties`);
    const required = [...((node.required ?? []) as string[])].sort();
    if (
      required.join() !==
      Object.keys(node.properties ?? {})
        .sort()
        .join()
    )
      problems.push(`${label}: required`);
  }
  return problems.sort();
}

/** Keywords OpenAI structured outputs documents as supported (plus annotations). */
const STRICT_KEYWORDS = new Set([
  '$schema',
  '$defs',
  '$ref',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'anyOf',
  'minimum',
  'maximum',
]);

describe('the seed-compatible schema', () => {
  it('keeps the seed schema: draft 2020-12, the same required fields, the same gap fields and types', () => {
    expect(base.$schema).toBe(SEED_SCHEMA.$schema);
    expect(base.type).toBe('object');
    expect(base.required).toEqual(SEED_SCHEMA.required);
    const props = base.properties as Record<string, Schema>;
    expect(props.files_audited).toMatchObject(SEED_SCHEMA.properties.files_audited);
    expect(props.coverage_score).toMatchObject(SEED_SCHEMA.properties.coverage_score);
    expect(props.gaps?.type).toBe('array');
    const gap = deref(base, props.gaps?.items as Schema);
    const seedGap = SEED_SCHEMA.properties.gaps.items;
    expect(gap.type).toBe('object');
    expect(gap.required).toEqual(seedGap.required);
    for (const [key, seedProp] of Object.entries(seedGap.properties)) {
      expect((gap.properties as Record<string, Schema>)[key], key).toMatchObject(seedProp);
    }
  });

  it('judges seed-only documents exactly as the seed schema does', () => {
    const seed = compile(SEED_SCHEMA);
    const ours = compile(base);
    const gap = {
      file: 'a.go',
      function: 'F',
      line: 3,
      gap_type: 'missing_span',
      severity: 'high',
      rationale: 'r',
    };
    const documents: unknown[] = [
      { files_audited: 1, gaps: [gap], coverage_score: 50 },
      {
        files_audited: 1,
        gaps: [{ file: 'a.go', function: 'F', gap_type: 'missing_metric', severity: 'low' }],
        coverage_score: 0,
      },
      { files_audited: 0, gaps: [], coverage_score: 100, note: 'extra fields were always allowed' },
      { files_audited: 1, gaps: [{ ...gap, severity: 'urgent' }], coverage_score: 50 },
      { files_audited: 1, gaps: [{ ...gap, line: 2.5 }], coverage_score: 50 },
      { files_audited: 1.5, gaps: [], coverage_score: 50 },
      { files_audited: 1, gaps: [], coverage_score: 100.1 },
      { files_audited: 1, gaps: [], coverage_score: -1 },
      {
        files_audited: 1,
        gaps: [{ file: 'a.go', gap_type: 'missing_span', severity: 'high' }],
        coverage_score: 5,
      },
      { files_audited: 1, coverage_score: 5 },
      { files_audited: 1, gaps: [{ ...gap, rationale: 7 }], coverage_score: 5 },
    ];
    for (const doc of documents) expect(ours(doc), JSON.stringify(doc)).toBe(seed(doc));
  });

  it('describes every extra field it adds', () => {
    const props = base.properties as Record<string, Schema>;
    for (const key of ['findings', 'summary', 'skipped', 'parse_errors', 'suppressed', 'functions', 'tool']) {
      expect(props[key]?.description, key).toEqual(expect.any(String));
    }
    const gap = (base.$defs as Record<string, Schema>).gap!.properties as Record<string, Schema>;
    for (const key of ['rule_id', 'column', 'end_line', 'language', 'suggested_span_name', 'details']) {
      expect(gap[key]?.description, key).toEqual(expect.any(String));
    }
  });
});

describe('the strict schema', () => {
  it('has an object root, not anyOf', () => {
    expect(strict.type).toBe('object');
    expect(strict).not.toHaveProperty('anyOf');
  });

  it('closes every object and requires every property it declares', () => {
    const objects = [...subschemas(strict)].filter(([, node]) => isObjectSchema(node));
    // Root, gap, finding, summary and its three maps, package, skipped file, parse problem, suppression,
    // function record and its checks, tool: a walk that finds fewer has stopped looking.
    expect(objects).toHaveLength(14);
    expect(notStrict(strict)).toEqual([]);
  });

  it('notices an object left open or a property left optional (the walk can fail)', () => {
    const broken = structuredClone(strict);
    const defs = broken.$defs as Record<string, Schema>;
    delete defs.tool!.additionalProperties;
    defs.gap!.required = (defs.gap!.required as string[]).filter((k) => k !== 'details');
    expect(notStrict(broken)).toEqual(['gap: required', 'tool: additionalProperties']);
  });

  it('uses only keywords strict structured outputs supports', () => {
    for (const [path, node] of subschemas(strict)) {
      for (const key of Object.keys(node)) expect(STRICT_KEYWORDS.has(key), `${path}: ${key}`).toBe(true);
    }
  });

  it('describes the same fields as the seed-compatible schema', () => {
    const shape = (schema: Schema) =>
      [...subschemas(schema)]
        .filter(([label, node]) => 'properties' in node && label !== 'findings_by_rule')
        .map(([label, node]) => `${label}: ${Object.keys(node.properties as object).join(',')}`)
        .sort();
    // findings_by_rule is an open map in the base schema and a closed list of rule ids in the strict one.
    expect(shape(strict)).toEqual(shape(base));
    expect(shape(base)).toHaveLength(13);
  });

  it('lists one findings_by_rule key per anti-pattern rule in the registry and in docs/rules.md', () => {
    const summary = (strict.$defs as Record<string, Schema>).summary!;
    const byRule = (summary.properties as Record<string, Schema>).findings_by_rule!;
    expect(Object.keys(byRule.properties as object)).toEqual([...ANTI_PATTERN_RULE_IDS]);
    const registry = RULE_METAS.filter((m) => m.kind === 'anti-pattern')
      .map((m) => m.id)
      .sort();
    expect(registry).toEqual([...ANTI_PATTERN_RULE_IDS]);
    const docs = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    const documented = [...docs.matchAll(/^\| (OTW1\d\d) \|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...ANTI_PATTERN_RULE_IDS]);
  });

  it('maps each gap type to the rule the registry reports it with', () => {
    for (const meta of RULE_METAS.filter((m) => m.kind === 'gap')) {
      expect(GAP_RULE_IDS[meta.gapType!], meta.id).toBe(meta.id);
    }
  });

  it('accepts our JSON output and rejects a gap with a missing optional field', () => {
    const validate = compile(strict);
    const value = JSON.parse(toJson(sampleReport())) as { gaps: Record<string, unknown>[] };
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    delete nth(value.gaps, 0).details;
    expect(validate(value)).toBe(false);
  });
});
