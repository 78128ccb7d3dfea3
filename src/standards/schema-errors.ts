// Turns ajv's validation errors into sentences a person can act on: which key, what is wrong, what is
// allowed, and what was written. Pure: locating the line in the YAML text is the caller's job.
import type { ErrorObject } from 'ajv';
import { formatKeyPath, type KeyIssue, type KeyPathSegment } from './locate.js';
import { type JsonSchema, RULE_KEY_PATTERN } from './schema.js';
import { closest } from './suggest.js';

type JsonType = 'null' | 'array' | 'object' | 'string' | 'boolean' | 'integer' | 'number';

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'boolean' : 'string';
}

/** What was written, as the message's `(got ...)`. */
export function describeValue(value: unknown): string {
  switch (jsonType(value)) {
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping';
    case 'string':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

const TYPE_WORDS: Record<JsonType, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  null: 'null',
};

function typeWords(type: unknown): string {
  const types = (Array.isArray(type) ? type : [type]) as JsonType[];
  // An empty section is allowed for convenience; the message asks for what people should write.
  const shown = types.includes('object') ? types.filter((t) => t !== 'null') : types;
  return shown.map((t) => TYPE_WORDS[t] ?? String(t)).join(' or ');
}

function listValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : String(v))).join(', ');
}

/** `yes`/`no` are text in YAML 1.2; people who write them mean a boolean. */
function booleanHint(value: unknown): string {
  return typeof value === 'string' && /^(yes|no|y|n|on|off)$/i.test(value)
    ? `; YAML 1.2 reads ${value} as text: write true or false`
    : '';
}

function pointerSegments(pointer: string, data: unknown): KeyPathSegment[] {
  if (pointer === '') return [];
  const segments: KeyPathSegment[] = [];
  let current = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(current) ? Number(key) : key;
    segments.push(segment);
    current = (current as Record<string, unknown> | null)?.[key];
  }
  return segments;
}

function acceptsType(branch: JsonSchema, type: JsonType): boolean {
  const declared = branch.type ?? (Array.isArray(branch.enum) ? branch.enum.map(jsonType) : []);
  const types = (Array.isArray(declared) ? declared : [declared]) as JsonType[];
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

function describeBranch(branch: JsonSchema): string {
  if (Array.isArray(branch.enum)) return listValues(branch.enum);
  if (branch.type === 'boolean') return 'true, false';
  if (branch.type === 'object' && branch.properties) {
    return `a mapping with keys ${Object.keys(branch.properties as object).join(', ')}`;
  }
  return typeWords(branch.type);
}

/** `a, b or c` (`and` with conjunction 'and'). */
function joinWords(parts: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} ${conjunction} ${parts[parts.length - 1]}`;
}

/** `otw101` → `OTW101`, `span_in_loop` / `spanInLoop` → `span-in-loop`. */
function ruleKeySuggestion(key: string): string | null {
  if (/^otw/i.test(key)) return /^otw\d{3}$/i.test(key) ? key.toUpperCase() : null;
  const kebab = key
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return new RegExp(RULE_KEY_PATTERN).test(kebab) ? kebab : null;
}

function subject(segments: readonly KeyPathSegment[]): string {
  return segments.length === 0 ? 'the file' : formatKeyPath(segments);
}

/**
 * For a value that matched no alternative of an `anyOf`: when exactly one alternative takes a value of
 * its type (a mapping given where a mapping is allowed), the errors inside that alternative are the
 * useful ones; otherwise one sentence listing the alternatives is.
 */
function resolveAlternatives(errors: readonly ErrorObject[]): Set<ErrorObject> {
  const dropped = new Set<ErrorObject>();
  const alternatives = errors
    .filter((e) => e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const anyOf of alternatives) {
    if (dropped.has(anyOf)) continue;
    const branches = anyOf.schema as JsonSchema[];
    const type = jsonType(anyOf.data);
    const fitting = branches.flatMap((branch, index) => (acceptsType(branch, type) ? [index] : []));
    const only = fitting.length === 1 ? branches[fitting[0] ?? 0] : undefined;
    // An enum alternative's own error would hide the others (`off, on` but not `true, false, a mapping`).
    const structured = only !== undefined && !Array.isArray(only.enum);
    const keepPrefix = structured ? `${anyOf.schemaPath}/${fitting[0]}/` : null;
    for (const error of errors) {
      const within =
        error.instancePath === anyOf.instancePath || error.instancePath.startsWith(`${anyOf.instancePath}/`);
      if (!within || !error.schemaPath.startsWith(`${anyOf.schemaPath}/`)) continue;
      if (keepPrefix === null || !error.schemaPath.startsWith(keepPrefix)) dropped.add(error);
    }
    if (structured) dropped.add(anyOf);
  }
  return new Set(errors.filter((e) => !dropped.has(e)));
}

function describeError(error: ErrorObject, segments: KeyPathSegment[]): KeyIssue {
  const at = subject(segments);
  const got = describeValue(error.data);
  const params = error.params as Record<string, unknown>;
  const value = (text: string): KeyIssue => ({ segments, at: 'value', text });
  switch (error.keyword) {
    case 'anyOf':
      return value(
        `${at} must be ${joinWords((error.schema as JsonSchema[]).map(describeBranch))} (got ${got})`,
      );
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties ?? {}) as object);
      const suggestion = closest(key, allowed);
      const hint = suggestion ? `did you mean ${suggestion}? ` : '';
      return {
        segments: [...segments, key],
        at: 'key',
        text: `${subject([...segments, key])} is not a known key (${hint}allowed: ${allowed.join(', ')})`,
      };
    }
    case 'type':
      return value(`${at} must be ${typeWords(error.schema)} (got ${got}${booleanHint(error.data)})`);
    case 'enum':
      return value(`${at} must be one of ${listValues(error.schema as unknown[])} (got ${got})`);
    case 'const':
      return value(`${at} must be ${describeValue(error.schema)} (got ${got})`);
    case 'required': {
      const required = (error.parentSchema?.required ?? []) as string[];
      return value(
        `${subject([...segments, String(params.missingProperty)])} is required (${at} needs ${joinWords(required, 'and')})`,
      );
    }
    case 'minLength':
      return value(`${at} must not be empty`);
    case 'minimum':
      return value(`${at} must be at least ${String(params.limit)} (got ${got})`);
    case 'exclusiveMinimum':
      return value(`${at} must be greater than ${String(params.limit)} (got ${got})`);
    case 'minItems':
      return value(`${at} must list at least ${String(params.limit)} value${params.limit === 1 ? '' : 's'}`);
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      const earlier = Math.min(Number(params.i), Number(params.j));
      const item = (error.data as unknown[])[later];
      return {
        segments: [...segments, later],
        at: 'value',
        text: `${subject([...segments, later])} repeats ${describeValue(item)} (already at [${earlier}])`,
      };
    }
    default:
      return value(`${at} ${error.message ?? 'is not valid'}`);
  }
}

/** Sentences for ajv errors (compiled with `allErrors` and `verbose`), one per distinct problem. */
export function describeSchemaErrors(errors: readonly ErrorObject[], data: unknown): KeyIssue[] {
  const badKeys = errors
    .filter((e) => e.keyword === 'propertyNames')
    .map((e) => `${e.instancePath}/${String((e.params as { propertyName: string }).propertyName)}`);
  const insideBadKey = (e: ErrorObject): boolean =>
    badKeys.some((key) => e.instancePath === key || e.instancePath.startsWith(`${key}/`)) ||
    (e.keyword === 'pattern' && e.propertyName !== undefined);
  const relevant = errors.filter((e) => !insideBadKey(e));
  const keep = resolveAlternatives(relevant);

  const issues: KeyIssue[] = [];
  for (const error of relevant) {
    const segments = pointerSegments(error.instancePath, data);
    if (error.keyword === 'propertyNames') {
      const key = String((error.params as { propertyName: string }).propertyName);
      const suggestion = ruleKeySuggestion(key);
      const hint = suggestion ? `did you mean ${suggestion}? ` : '';
      issues.push({
        segments: [...segments, key],
        at: 'key',
        text: `${subject([...segments, key])} is not a rule id or name (${hint}use an id like OTW101 or a kebab-case name like span-in-loop)`,
      });
    } else if (keep.has(error)) {
      issues.push(describeError(error, segments));
    }
  }
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${formatKeyPath(issue.segments)}\u0000${issue.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
