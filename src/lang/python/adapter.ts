import type { LanguageAdapter } from '../adapter.js';
import { FACTS_VERSION } from '../catalog.js';
import { extractPythonFacts } from './extract.js';
import { isTestFile, languageOf } from './paths.js';

export const pythonAdapter: LanguageAdapter = {
  id: 'python',
  languages: ['python'],
  factsVersion: FACTS_VERSION.python,
  languageOf,
  isTestFile,
  extractFacts: extractPythonFacts,
};
