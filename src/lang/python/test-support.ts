// Helpers for this adapter's unit tests: Python source from indented template literals, facts by name.
import type { FileFacts, FunctionFacts } from '../facts.js';
import { pythonAdapter } from './adapter.js';

/** A template literal as Python source: the common indentation is removed, so tests can indent code. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

export function factsOf(text: string, path = 'orders/service.py'): FileFacts {
  return pythonAdapter.extractFacts({
    path,
    text,
    language: 'python',
    packageHint: 'orders',
    scopeHint: 'orders',
  });
}

export function fnOf(facts: FileFacts, qualifiedName: string): FunctionFacts {
  const found = facts.functions.find((f) => f.qualifiedName === qualifiedName);
  if (!found)
    throw new Error(
      `no function ${qualifiedName} in ${facts.functions.map((f) => f.qualifiedName).join(', ')}`,
    );
  return found;
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string, nth = 0): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes(needle) && seen++ === nth) return i + 1;
  }
  throw new Error(`${needle} not found`);
}
