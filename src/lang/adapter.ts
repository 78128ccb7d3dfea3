import type { FileFacts, Language, SourceFile } from './facts.js';

/**
 * One per language family. Everything language-specific lives behind this interface: the audit core,
 * the rules and the reports only ever see FileFacts.
 *
 * `extractFacts` must be a pure function of the source text (no disk, no process, no clock) so that
 * results can be cached by content hash and computed in worker threads.
 */
export interface LanguageAdapter {
  /** Stable id, part of the cache key together with `factsVersion`. */
  readonly id: 'go' | 'typescript' | 'python';
  /** Languages this adapter handles (TypeScript's adapter also handles JavaScript). */
  readonly languages: readonly Language[];
  /** Bump when the facts an adapter extracts change, so cached facts are recomputed. */
  readonly factsVersion: number;
  /** File name endings this adapter claims, with the language each maps to. */
  languageOf(path: string): Language | null;
  /** True for files that are tests by the language's convention (`_test.go`, `*.test.ts`, `test_*.py`). */
  isTestFile(path: string): boolean;
  extractFacts(file: SourceFile): FileFacts;
}
