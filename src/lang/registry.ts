import type { LanguageAdapter } from './adapter.js';
import type { Language } from './facts.js';
import { goAdapter } from './go/adapter.js';
import { pythonAdapter } from './python/adapter.js';
import { typescriptAdapter } from './typescript/adapter.js';

export const adapters: readonly LanguageAdapter[] = [goAdapter, typescriptAdapter, pythonAdapter];

/** The adapter and language for a path, or null when no adapter claims it. */
export function adapterFor(path: string): { adapter: LanguageAdapter; language: Language } | null {
  for (const adapter of adapters) {
    const language = adapter.languageOf(path);
    if (language) return { adapter, language };
  }
  return null;
}
