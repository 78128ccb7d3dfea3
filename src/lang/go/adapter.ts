import type { LanguageAdapter } from '../adapter.js';
import { FACTS_VERSION } from '../catalog.js';
import { extractGoFacts } from './extract.js';

export const goAdapter: LanguageAdapter = {
  id: 'go',
  languages: ['go'],
  factsVersion: FACTS_VERSION.go,
  languageOf: (path) => (path.endsWith('.go') ? 'go' : null),
  isTestFile: (path) => path.endsWith('_test.go'),
  extractFacts: extractGoFacts,
};
