import { DEPRECATED_ATTRIBUTES } from '../deprecated-attributes.js';
import type { Rule } from '../rule.js';
import { attributeWrites } from './attribute-writes.js';
import { finding } from './make.js';

export const deprecatedAttribute: Rule = {
  meta: {
    id: 'OTW105',
    name: 'deprecated-attribute',
    description:
      'A deprecated semantic-convention attribute name is written (http.method, http.status_code, deployment.environment, code.function...).',
    help: 'Backends and dashboards built on current semantic conventions will not find data under the old names. Use the replacement the semantic conventions name.',
    kind: 'anti-pattern',
    gapType: null,
    defaultSeverity: 'low',
  },
  check(ctx) {
    const findings = attributeWrites(ctx.fn)
      .filter((a) => !a.dynamicKey && DEPRECATED_ATTRIBUTES[a.key] !== undefined)
      .map((a) =>
        finding(
          this.meta,
          ctx,
          a,
          `"${a.key}" is a deprecated semantic-convention attribute; use ${DEPRECATED_ATTRIBUTES[a.key]}.`,
        ),
      );
    return { gaps: [], findings };
  },
};
