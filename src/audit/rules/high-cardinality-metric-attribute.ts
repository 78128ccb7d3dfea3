import { containsTerm, isIdLike } from '../../lang/naming.js';
import type { Rule } from '../rule.js';
import { valueName } from './attribute-writes.js';
import { finding } from './make.js';

const UNBOUNDED_KEYS = [
  'url.full',
  'url.path',
  'url.query',
  'http.url',
  'http.target',
  'user.id',
  'enduser.id',
  'session.id',
];
const RAW_PATH_VALUE =
  /(\bURL\.(Path|String\(\)|RawQuery)|\.originalUrl\b|\breq(uest)?\.(url|path)\b|\.RequestURI\b|\brequest\.path\b|\brequest\.url\b)/;

function unboundedReason(key: string, valueText: string, deny: readonly string[]): string | null {
  if (UNBOUNDED_KEYS.includes(key)) return `"${key}" is unbounded`;
  if (isIdLike(key)) return `"${key}" is an identifier`;
  if (RAW_PATH_VALUE.test(valueText))
    return `${valueText} is a raw URL or path (use the route template, http.route)`;
  const name = valueName(valueText);
  if (name && isIdLike(name)) return `${valueText} is an identifier`;
  const term = deny.find((t) => containsTerm(key, t) || (name !== null && containsTerm(name, t)));
  if (term) return `it carries personal data ("${term}")`;
  return null;
}

export const highCardinalityMetricAttribute: Rule = {
  meta: {
    id: 'OTW107',
    name: 'high-cardinality-metric-attribute',
    description: 'A metric attribute takes unbounded values (ids, emails, raw URLs or paths, user input).',
    help: 'Every distinct attribute value creates a new time series; an id or a raw path as a metric attribute explodes storage and cost and can take a metrics backend down. Use bounded values (route templates, status codes, error types).',
    kind: 'anti-pattern',
    gapType: null,
    defaultSeverity: 'medium',
  },
  check(ctx) {
    const deny = ctx.standards.pii.deny;
    const writes = [
      ...ctx.fn.attributes.filter((a) => a.target === 'metric'),
      ...ctx.fn.metricRecordings.flatMap((r) => r.attributes),
    ];
    const seen = new Set<string>();
    const findings = [];
    for (const a of writes) {
      const at = `${a.line}:${a.column}`;
      if (seen.has(at)) continue;
      seen.add(at);
      const reason = unboundedReason(a.key, a.valueText, deny);
      if (reason) {
        findings.push(
          finding(this.meta, ctx, a, `Metric attribute "${a.key}" has unbounded cardinality: ${reason}.`),
        );
      }
    }
    return { gaps: [], findings };
  },
};
