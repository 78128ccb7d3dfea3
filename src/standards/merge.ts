// Fills a validated standards file in over the defaults: mappings merge key by key, lists and scalars
// replace, an empty section keeps the defaults. Then the file's shorthands become the one shape
// `Standards` has (`OTW101: off` → { enabled: false, severity: null }).
import { defaultStandards } from './defaults.js';
import type { RequiredAttribute, Severity, Standards } from './types.js';

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeMapping(base: Mapping, override: Mapping): Mapping {
  const merged: Mapping = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = base[key];
    if (isMapping(current) && value === null) continue;
    merged[key] = isMapping(current) && isMapping(value) ? mergeMapping(current, value) : value;
  }
  return merged;
}

type RuleSetting = Standards['rules'][string];

function normaliseRule(entry: unknown): RuleSetting {
  if (entry === 'off' || entry === false) return { enabled: false, severity: null };
  if (entry === 'on' || entry === true) return { enabled: true, severity: null };
  const { enabled, severity } = entry as { enabled?: boolean; severity?: Severity | null };
  return { enabled: enabled ?? true, severity: severity ?? null };
}

function normaliseAttribute(item: unknown): RequiredAttribute {
  if (typeof item === 'string') return { name: item, when: 'always' };
  const { name, when } = item as { name: string; when?: RequiredAttribute['when'] };
  return { name, when: when ?? 'always' };
}

/** The complete standards for a file that passed schema validation (an empty file gives the defaults). */
export function mergeStandards(file: Mapping): Standards {
  // Sound because the file passed the schema, whose shapes are those of Standards or their shorthands.
  const merged = mergeMapping(defaultStandards() as unknown as Mapping, file) as unknown as Standards;
  return {
    ...merged,
    tracing: {
      ...merged.tracing,
      required_attributes: merged.tracing.required_attributes.map(normaliseAttribute),
    },
    rules: Object.fromEntries(
      Object.entries(merged.rules).map(([key, entry]) => [key, normaliseRule(entry)]),
    ),
  };
}
