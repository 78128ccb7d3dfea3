// Rule ids the report formats need without the rule registry: a saved report that predates `rule_id`
// gets one from its gap type, and the strict schema (which cannot describe an open map) lists one
// `findings_by_rule` key per anti-pattern rule. Tests hold both lists to docs/rules.md and the registry.
import type { GapType } from '../audit/model.js';

export const GAP_RULE_IDS: Readonly<Record<GapType, string>> = {
  missing_span: 'OTW001',
  missing_error_recording: 'OTW002',
  missing_attributes: 'OTW003',
  missing_metric: 'OTW004',
};

export const ANTI_PATTERN_RULE_IDS: readonly string[] = [
  'OTW101',
  'OTW102',
  'OTW103',
  'OTW104',
  'OTW105',
  'OTW106',
  'OTW107',
  'OTW108',
  'OTW109',
];
