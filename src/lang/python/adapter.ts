import type { LanguageAdapter } from '../adapter.js';
import { extractPythonFacts } from './extract.js';
import { isTestFile, languageOf } from './paths.js';

export const pythonAdapter: LanguageAdapter = {
  id: 'python',
  languages: ['python'],
  factsVersion: 1,
  languageOf,
  isTestFile,
  extractFacts: extractPythonFacts,
};
