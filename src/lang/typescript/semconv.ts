// `@opentelemetry/semantic-conventions` exports attribute keys as constants. Code that writes
// `SemanticAttributes.HTTP_METHOD` or `SEMATTRS_HTTP_STATUS_CODE` writes the (deprecated) keys below, so the
// deprecated-attribute check has to see through them. Names are the part after `SEMATTRS_`, `ATTR_`,
// `SEMRESATTRS_`, `SemanticAttributes.` or `SemanticResourceAttributes.`.

import { semconvConstantKey } from '../semconv-constants.js';

const CONSTANT =
  /^(?:(?:SemanticAttributes|SemanticResourceAttributes|semconv)\.|SEMATTRS_|SEMRESATTRS_|ATTR_)([A-Z0-9_]+)$/;

/** The attribute key a semantic-conventions constant stands for, or null when it is not one we know. */
export function semconvKey(expression: string): string | null {
  const m = CONSTANT.exec(expression.replace(/\s+/g, ''));
  return m ? semconvConstantKey(m[1] as string) : null;
}
