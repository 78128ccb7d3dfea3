// When a checker rejects a batch, find the files whose edits are to blame and keep the rest. First trust
// the files the checker names; fall back to bisection (each probe is one checker run over the batch with
// only some files edited).
import type { ValidationResult } from './types.js';

/** Validates the batch with exactly `kept` carrying their edits (every other file restored). */
export type Probe = (kept: readonly string[]) => ValidationResult;

export interface Isolation {
  kept: string[];
  culprits: string[];
  /** The failing result that first implicated each culprit. */
  failures: Map<string, ValidationResult>;
  probes: number;
}

export function isolateCulprits(files: readonly string[], first: ValidationResult, probe: Probe): Isolation {
  let probes = 0;
  const run = (kept: readonly string[]) => {
    probes++;
    return probe(kept);
  };
  const failures = new Map<string, ValidationResult>();
  const named = files.filter((f) => first.problems.some((p) => p.file === f));
  if (named.length > 0 && named.length < files.length) {
    const rest = files.filter((f) => !named.includes(f));
    if (run(rest).ok) {
      for (const f of named) failures.set(f, first);
      return { kept: rest, culprits: named, failures, probes };
    }
  }

  let base: string[] = [];
  const isolate = (suspects: readonly string[], failing: ValidationResult | null): string[] => {
    if (suspects.length === 0) return [];
    const result = failing ?? run([...base, ...suspects]);
    if (result.ok) {
      base = [...base, ...suspects];
      return [];
    }
    if (suspects.length === 1) {
      failures.set(suspects[0] as string, result);
      return [...suspects];
    }
    const half = Math.ceil(suspects.length / 2);
    const left = isolate(suspects.slice(0, half), null);
    const right = isolate(suspects.slice(half), null);
    return [...left, ...right];
  };
  const culprits = isolate(files, first);
  return { kept: files.filter((f) => !culprits.includes(f)), culprits, failures, probes };
}
