// docs/standards.md shows an example file and an example of the error output: both must stay true.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StandardsError } from './errors.js';
import { parseStandards } from './load.js';

const docs = readFileSync(new URL('../../docs/standards.md', import.meta.url), 'utf8');

/** Fenced blocks of the given language after `heading`, in order. */
function blocks(heading: string, language: string): string[] {
  const section = docs.slice(docs.indexOf(heading));
  return [...section.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (match) => match[1] ?? '',
  );
}

describe('docs/standards.md', () => {
  it('shows an example file that loads', () => {
    const [example] = blocks('## An example', 'yaml');
    expect(example).toBeDefined();
    const standards = parseStandards(example ?? '', 'otelwright.yaml');
    expect(standards.service.name).toBe('checkout');
    expect(standards.rules.OTW105).toEqual({ enabled: false, severity: null });
  });

  it('shows the errors its bad example really produces', () => {
    const [bad] = blocks('## Errors', 'yaml');
    const [shown] = blocks('## Errors', 'text');
    let message = '';
    try {
      parseStandards(bad ?? '', 'otelwright.yaml');
    } catch (error) {
      if (!(error instanceof StandardsError)) throw error;
      message = error.message;
    }
    expect(`${message}\n`).toBe(shown);
  });
});
