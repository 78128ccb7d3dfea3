import type { LanguageAdapter } from '../adapter.js';
import { extractGoFacts } from './extract.js';

export const goAdapter: LanguageAdapter = {
  id: 'go',
  languages: ['go'],
  factsVersion: 1,
  languageOf: (path) => (path.endsWith('.go') ? 'go' : null),
  isTestFile: (path) => path.endsWith('_test.go'),
  extractFacts: extractGoFacts,
};
