// What the engine must know about each adapter before parsing anything: which files it claims and
// the version of the facts it produces. Kept apart from the adapters so that an unchanged re-run,
// answered from the cache, never loads a grammar.
import type { LanguageAdapter } from './adapter.js';
import type { Language } from './facts.js';
import { isTestFile as isPythonTest, languageOf as pythonLanguageOf } from './python/paths.js';
import { isTestFile as isTypeScriptTest, languageOf as typescriptLanguageOf } from './typescript/paths.js';

export type AdapterId = LanguageAdapter['id'];
export type AdapterDescriptor = Pick<
  LanguageAdapter,
  'id' | 'languages' | 'factsVersion' | 'languageOf' | 'isTestFile'
>;

/** Bump an adapter's version when the facts it extracts change, so cached facts are recomputed. */
export const FACTS_VERSION: Record<AdapterId, number> = { go: 4, typescript: 5, python: 5 };

export const CATALOG: readonly AdapterDescriptor[] = [
  {
    id: 'go',
    languages: ['go'],
    factsVersion: FACTS_VERSION.go,
    languageOf: (path) => (path.endsWith('.go') ? 'go' : null),
    isTestFile: (path) => path.endsWith('_test.go'),
  },
  {
    id: 'typescript',
    languages: ['typescript', 'javascript'],
    factsVersion: FACTS_VERSION.typescript,
    languageOf: typescriptLanguageOf,
    isTestFile: isTypeScriptTest,
  },
  {
    id: 'python',
    languages: ['python'],
    factsVersion: FACTS_VERSION.python,
    languageOf: pythonLanguageOf,
    isTestFile: isPythonTest,
  },
];

/** The descriptor and language for a path, or null when no adapter claims it. */
export function descriptorFor(path: string): { descriptor: AdapterDescriptor; language: Language } | null {
  // A name that is only an extension (`.ts`, `.py`) is a dotfile, not a module.
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name.lastIndexOf('.') <= 0) return null;
  for (const descriptor of CATALOG) {
    const language = descriptor.languageOf(path);
    if (language) return { descriptor, language };
  }
  return null;
}
