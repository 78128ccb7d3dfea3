import type { LanguageAdapter } from '../adapter.js';
import { FACTS_VERSION } from '../catalog.js';
import { extractTypeScriptFacts } from './extract.js';
import { isTestFile, languageOf } from './paths.js';

export const typescriptAdapter: LanguageAdapter = {
  id: 'typescript',
  languages: ['typescript', 'javascript'],
  factsVersion: FACTS_VERSION.typescript,
  languageOf,
  isTestFile,
  extractFacts: extractTypeScriptFacts,
};
