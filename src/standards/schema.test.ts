import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { defaultStandards } from './defaults.js';
import { type JsonSchema, standardsSchema } from './schema.js';

const REGENERATE =
  'schemas/otelwright.schema.json differs from src/standards/schema.ts: regenerate it with `npx vitest run src/standards/schema.test.ts -u`';

/** Every property schema in the tree, with its path (`tracing.error_policy.set_status`, `metrics.gauges[].name`, `rules.*.enabled`). */
function properties(schema: JsonSchema, prefix = ''): { path: string; schema: JsonSchema }[] {
  const found: { path: string; schema: JsonSchema }[] = [];
  const visit = (node: JsonSchema, path: string): void => {
    for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      found.push({ path: childPath, schema: child });
      visit(child, childPath);
    }
    if (node.items) visit(node.items as JsonSchema, `${path}[]`);
    if (node.additionalProperties) visit(node.additionalProperties as JsonSchema, `${path}.*`);
    for (const branch of (node.anyOf as JsonSchema[] | undefined) ?? []) visit(branch, path);
  };
  visit(schema, prefix);
  return found;
}

function objectSchemas(node: unknown): JsonSchema[] {
  if (Array.isArray(node)) return node.flatMap(objectSchemas);
  if (!node || typeof node !== 'object') return [];
  const schema = node as JsonSchema;
  const self = [schema.type].flat().includes('object') ? [schema] : [];
  return [...self, ...Object.values(schema).flatMap(objectSchemas)];
}

describe('the otelwright.yaml schema', () => {
  it('is published unchanged in schemas/otelwright.schema.json', async () => {
    await expect(`${JSON.stringify(standardsSchema, null, 2)}\n`).toMatchFileSnapshot(
      '../../schemas/otelwright.schema.json',
      REGENERATE,
    );
  });

  it('compiles under ajv strict mode and accepts the defaults written out as a file', () => {
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(standardsSchema);
    expect(validate(defaultStandards()), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({})).toBe(true);
  });

  it('describes every property', () => {
    const undocumented = properties(standardsSchema)
      .filter(({ schema }) => typeof schema.description !== 'string' || schema.description.length < 10)
      .map(({ path }) => path);
    expect(undocumented).toEqual([]);
  });

  it('catches unknown keys in every fixed mapping', () => {
    const open = objectSchemas(standardsSchema).filter(
      (schema) => schema.properties !== undefined && schema.additionalProperties !== false,
    );
    expect(open).toEqual([]);
    expect(objectSchemas(standardsSchema).length).toBeGreaterThan(10);
  });

  it('has every key documented in docs/standards.md', () => {
    const docs = readFileSync(new URL('../../docs/standards.md', import.meta.url), 'utf8');
    const missing = properties(standardsSchema)
      .map(({ path }) => path)
      .filter((path) => !docs.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });
});
