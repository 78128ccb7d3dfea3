import type { AttributeWrite, FunctionFacts } from '../facts.js';
import { type AttributeScope, attributeFromArguments, attributesFromObject } from './attributes.js';
import type { FunctionSites } from './body.js';
import { metricRecording } from './metrics.js';
import type { ModuleInfo } from './module.js';
import { argumentsOf } from './syntax.js';

/** `span.setAttribute(s)` on a span of this function (or anything named like one) and metric recordings. */
export function bodyWrites(
  fn: FunctionSites,
  spanVariables: (string | null)[],
  module: ModuleInfo,
  instrumentVariables: Set<string>,
  scope: AttributeScope,
): { attributes: AttributeWrite[]; metricRecordings: FunctionFacts['metricRecordings'] } {
  const attributes: AttributeWrite[] = [];
  const metricRecordings: FunctionFacts['metricRecordings'] = [];
  const spans = new Set(spanVariables.filter((v): v is string => v !== null));
  for (const call of fn.calls) {
    const segments = call.callee?.segments;
    if (!segments || segments.length < 2) continue;
    const method = segments[segments.length - 1];
    if (method === 'setAttribute' || method === 'setAttributes') {
      const receiver = segments.slice(0, -1).join('.');
      if (!spans.has(receiver) && !/span/i.test(segments[segments.length - 2] ?? '')) continue;
      const args = argumentsOf(call.node);
      if (method === 'setAttributes')
        attributes.push(...attributesFromObject(args[0] ?? null, 'span', scope));
      else {
        const write = attributeFromArguments(args, 'span', module);
        if (write) attributes.push(write);
      }
    } else if (method === 'record' || method === 'add') {
      const recording = metricRecording(call, instrumentVariables, scope);
      if (recording) {
        metricRecordings.push(recording);
        attributes.push(...recording.attributes);
      }
    }
  }
  return { attributes, metricRecordings };
}
