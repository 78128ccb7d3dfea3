// Reads otelwright.yaml: parse (keeping line numbers), validate against the schema, check what the
// schema cannot, and fill in the defaults. Every problem is reported with file, key path and line.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Ajv2020 as Ajv2020Class, ValidateFunction } from 'ajv/dist/2020.js';
import type { Document, LineCounter as LineCounterClass, parseDocument as ParseDocument } from 'yaml';
import { defaultStandards } from './defaults.js';
import { fileProblem, StandardsError, type StandardsProblem, sortProblems } from './errors.js';
import { findStandardsFile } from './find.js';
import { formatKeyPath, type KeyIssue, locate } from './locate.js';
import { mergeStandards } from './merge.js';
import { standardsSchema } from './schema.js';
import { describeSchemaErrors, describeValue } from './schema-errors.js';
import { checkSemantics } from './semantic.js';
import type { Standards } from './types.js';

// YAML and JSON Schema are loaded only when a standards file exists: most runs use the defaults, and
// an audit answered from the cache should not pay ~50 ms to load them.
const require = createRequire(import.meta.url);
const yaml = () =>
  require('yaml') as { LineCounter: typeof LineCounterClass; parseDocument: typeof ParseDocument };

let validator: ValidateFunction | null = null;

function validate(): ValidateFunction {
  const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Class };
  validator ??= new Ajv2020({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true }).compile(
    standardsSchema,
  );
  return validator;
}

/** The file as messages show it: relative to cwd when inside it, so `otelwright.yaml:7:` reads naturally. */
function displayName(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function readText(file: string, shown: string): string {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(file);
  } catch {
    throw new StandardsError(shown, [
      fileProblem('no such file (pass an existing standards file, or none to use the defaults)'),
    ]);
  }
  if (!stats.isFile()) throw new StandardsError(shown, [fileProblem('is not a file')]);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new StandardsError(shown, [
      fileProblem(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`),
    ]);
  }
}

function parse(text: string, shown: string): { doc: Document; lines: LineCounterClass } {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new StandardsError(
      shown,
      doc.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return { keyPath: null, line, column: col, text: `not valid YAML: ${error.message}` };
      }),
    );
  }
  return { doc, lines };
}

function placeIssues(
  issues: readonly KeyIssue[],
  doc: Document,
  lines: LineCounterClass,
): StandardsProblem[] {
  return issues.map((issue) => {
    const place = locate(doc, lines, issue.segments, issue.at);
    return {
      keyPath: formatKeyPath(issue.segments) || null,
      line: place?.line ?? null,
      column: null,
      text: issue.text,
    };
  });
}

/** The standards in `text` (the content of `shown`), or a StandardsError listing every problem. */
export function parseStandards(text: string, shown: string): Standards {
  const { doc, lines } = parse(text, shown);
  const value: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new StandardsError(shown, [
      {
        keyPath: null,
        line: 1,
        column: null,
        text: `the file must be a mapping of keys such as tracing: and metrics: (got ${describeValue(value)})`,
      },
    ]);
  }
  const file = value as Record<string, unknown>;
  const check = validate();
  const issues = [
    ...(check(file) ? [] : describeSchemaErrors(check.errors ?? [], file)),
    ...checkSemantics(file),
  ];
  if (issues.length > 0) throw new StandardsError(shown, sortProblems(placeIssues(issues, doc, lines)));
  return mergeStandards(file);
}

/**
 * The standards that apply: from `path` when given (relative to cwd), else from the nearest
 * otelwright.yaml / otelwright.yml / .otelwright.yaml between cwd and the git top level, else the
 * defaults. `source` is the absolute path of the file read, or null for the defaults.
 */
export function loadStandards(
  path: string | null,
  cwd: string,
): { standards: Standards; source: string | null } {
  const source = path === null ? findStandardsFile(cwd) : resolve(cwd, path);
  if (source === null) return { standards: defaultStandards(), source: null };
  const shown = displayName(source, cwd);
  return { standards: parseStandards(readText(source, shown), shown), source };
}
