// Checks the schema cannot express: templates use known placeholders and the required one, and an
// attribute is not required twice. Runs on the file as written, beside schema validation, so it must
// not trust the shapes: anything unexpected is the schema's to report.
import { formatKeyPath, type KeyIssue, type KeyPathSegment } from './locate.js';
import { METRIC_NAME_PLACEHOLDERS, SPAN_NAME_PLACEHOLDERS } from './schema.js';
import { closest } from './suggest.js';

type Section = Record<string, unknown> | null | undefined;

function checkTemplate(
  template: unknown,
  segments: KeyPathSegment[],
  allowed: readonly string[],
  required: string,
): KeyIssue[] {
  if (typeof template !== 'string') return [];
  const at = formatKeyPath(segments);
  const issue = (text: string): KeyIssue => ({ segments, at: 'value', text });
  const allowedList = allowed.map((name) => `{${name}}`).join(', ');
  const issues: KeyIssue[] = [];
  const used = [...template.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? '');
  for (const name of used.filter((n) => !allowed.includes(n))) {
    const suggestion = closest(name, allowed);
    const hint = suggestion ? `did you mean {${suggestion}}? ` : '';
    issues.push(issue(`${at} uses unknown placeholder {${name}} (${hint}allowed: ${allowedList})`));
  }
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) {
    issues.push(issue(`${at} has an unmatched { or } (got ${JSON.stringify(template)})`));
  }
  if (!used.includes(required)) {
    issues.push(
      issue(`${at} must contain {${required}} (got ${JSON.stringify(template)}; allowed: ${allowedList})`),
    );
  }
  return issues;
}

function attributeName(item: unknown): string | null {
  if (typeof item === 'string') return item;
  const name = (item as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : null;
}

function checkRepeatedAttributes(items: unknown): KeyIssue[] {
  if (!Array.isArray(items)) return [];
  const firstIndex = new Map<string, number>();
  const issues: KeyIssue[] = [];
  items.forEach((item, index) => {
    const name = attributeName(item);
    if (name === null) return;
    const earlier = firstIndex.get(name);
    if (earlier === undefined) {
      firstIndex.set(name, index);
      return;
    }
    const segments = ['tracing', 'required_attributes', index];
    issues.push({
      segments,
      at: 'value',
      text: `${formatKeyPath(segments)} repeats ${JSON.stringify(name)} (already at [${earlier}])`,
    });
  });
  return issues;
}

/** Problems in a schema-valid standards file that only its meaning reveals. */
export function checkSemantics(file: Record<string, unknown>): KeyIssue[] {
  const tracing = file.tracing as Section;
  const metrics = file.metrics as Section;
  return [
    ...checkTemplate(
      tracing?.span_name_template,
      ['tracing', 'span_name_template'],
      SPAN_NAME_PLACEHOLDERS,
      'function',
    ),
    ...checkRepeatedAttributes(tracing?.required_attributes),
    ...checkTemplate(
      metrics?.name_template,
      ['metrics', 'name_template'],
      METRIC_NAME_PLACEHOLDERS,
      'metric',
    ),
  ];
}
