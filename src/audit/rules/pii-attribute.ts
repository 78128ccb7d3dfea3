import { containsTerm } from '../../lang/naming.js';
import type { Rule } from '../rule.js';
import { attributeWrites, isSanitised, valueName } from './attribute-writes.js';
import { finding } from './make.js';

export const piiAttribute: Rule = {
  meta: {
    id: 'OTW104',
    name: 'pii-attribute',
    description:
      "Personal data (from the standards' PII deny-list) is written as a span or metric attribute.",
    help: 'Telemetry is stored and shared far more widely than the database it comes from; personal data in it is a privacy and compliance incident. Drop it, or hash/redact it before it becomes an attribute.',
    kind: 'anti-pattern',
    gapType: null,
    defaultSeverity: 'high',
  },
  check(ctx) {
    const { deny, allow } = ctx.standards.pii;
    const findings = [];
    for (const a of attributeWrites(ctx.fn)) {
      if (allow.includes(a.key) || isSanitised(a.valueText)) continue;
      const fromKey = a.dynamicKey ? undefined : deny.find((term) => containsTerm(a.key, term));
      const name = valueName(a.valueText);
      const fromValue = fromKey
        ? undefined
        : name
          ? deny.find((term) => containsTerm(name, term))
          : undefined;
      const term = fromKey ?? fromValue;
      if (!term) continue;
      const source = fromKey ? `attribute "${a.key}"` : `attribute "${a.key}" takes ${a.valueText}, which`;
      findings.push(
        finding(
          this.meta,
          ctx,
          a,
          `The ${source} looks like personal data ("${term}" is on the PII deny-list); drop it or hash it before recording.`,
        ),
      );
    }
    return { gaps: [], findings };
  },
};
