import type { Rule } from '../rule.js';
import { gap, none, spanAttributeKeys } from './make.js';

export const missingAttributes: Rule = {
  meta: {
    id: 'OTW003',
    name: 'missing-attributes',
    description:
      'A span lacks attributes the standards require (seed default: service.operation, and business.entity_id when the function takes an id).',
    help: 'Required attributes are what lets a team search and group traces by operation and business entity. Add them at span start from the function name and its id-like parameter.',
    kind: 'gap',
    gapType: 'missing_attributes',
    defaultSeverity: 'medium',
  },
  check(ctx) {
    const { fn, standards } = ctx;
    if (fn.spans.length === 0) return none();
    const hasId = fn.params.some((p) => p.role === 'id');
    const required = standards.tracing.required_attributes
      .filter((a) => a.when === 'always' || (a.when === 'id_parameter' && hasId))
      .map((a) => a.name);
    const present = spanAttributeKeys(fn);
    const missing = required.filter((k) => !present.has(k));
    if (missing.length === 0) return none();
    const severity = ctx.severity === 'low' || ctx.severity === null ? 'low' : 'medium';
    const idParam = fn.params.find((p) => p.role === 'id');
    const idNote =
      idParam && missing.includes('business.entity_id')
        ? ` (the entity id is in parameter ${idParam.name})`
        : '';
    const rationale = `The span lacks the required attribute${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${idNote}, so its traces cannot be found by operation or entity.`;
    return { gaps: [gap(this.meta, ctx, severity, rationale, missing)], findings: [] };
  },
};
