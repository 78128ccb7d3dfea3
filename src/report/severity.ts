import { SEVERITIES, type Severity } from '../standards/types.js';

/** 0 for critical ... 3 for low. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Worst first; items of equal severity keep the audit's order (Array.prototype.sort is stable). */
export function worstFirst<T extends { severity: Severity }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}
