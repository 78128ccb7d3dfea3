// Test helpers: facts for a source string, and lookups that fail loudly when something is missing.
import type { FileFacts, FunctionFacts, SpanFacts } from '../../facts.js';
import { typescriptAdapter } from '../adapter.js';

export function factsOf(text: string, path = 'src/orders/service.ts'): FileFacts {
  const language = typescriptAdapter.languageOf(path);
  if (!language) throw new Error(`no language for ${path}`);
  return typescriptAdapter.extractFacts({ path, text, language, packageHint: 'orders', scopeHint: 'orders' });
}

export function fnOf(facts: FileFacts, qualifiedName: string): FunctionFacts {
  const found = facts.functions.find((f) => f.qualifiedName === qualifiedName);
  if (!found) {
    throw new Error(`no function ${qualifiedName}; have ${facts.functions.map((f) => f.qualifiedName).join(', ')}`);
  }
  return found;
}

export function onlySpan(fn: FunctionFacts): SpanFacts {
  if (fn.spans.length !== 1) throw new Error(`${fn.qualifiedName} has ${fn.spans.length} spans`);
  return fn.spans[0] as SpanFacts;
}

export function names(facts: FileFacts): string[] {
  return facts.functions.map((f) => f.qualifiedName);
}

/** 1-based line of the first line of `text` containing `needle`, so tests need not count lines. */
export function lineWith(text: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] as string).includes(needle) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`no line with ${needle}`);
}
