// The floor an audit is measured against: read and parse every file once, single-threaded, in this process,
// with the same tree-sitter grammars the audit's adapters use. Nothing else (no facts, no rules, no I/O
// beyond reading), so "audit ÷ parse" says what the audit adds on top of the parse it cannot avoid.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Parser from 'tree-sitter';
import Go from 'tree-sitter-go';
import JavaScript from 'tree-sitter-javascript';
import Python from 'tree-sitter-python';
import TS from 'tree-sitter-typescript';

const GRAMMAR_BY_EXTENSION = [
  [/\.go$/, Go],
  [/\.py$/, Python],
  [/\.tsx$/, TS.tsx],
  [/\.[mc]?ts$/, TS.typescript],
  [/\.([mc]?js|jsx)$/, JavaScript],
];

function parserFor(cache, path) {
  const match = GRAMMAR_BY_EXTENSION.find(([pattern]) => pattern.test(path));
  if (!match) throw new Error(`no grammar for ${path}`);
  const [, grammar] = match;
  let parser = cache.get(grammar);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(grammar);
    cache.set(grammar, parser);
  }
  return parser;
}

function countLines(text) {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.length > 0 && !text.endsWith('\n') ? lines + 1 : lines;
}

function parseAll(files, parsers) {
  let withErrors = 0;
  const start = performance.now();
  for (const path of files) {
    const tree = parserFor(parsers, path).parse(readFileSync(path, 'utf8'));
    if (tree.rootNode.hasError) withErrors++;
  }
  return { seconds: (performance.now() - start) / 1000, withErrors };
}

/** Lines and bytes of the corpus, counted outside the timed passes. */
export function measureSize(files) {
  let lines = 0;
  let bytes = 0;
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    lines += countLines(text);
    bytes += Buffer.byteLength(text);
  }
  return { lines, bytes };
}

/** The fastest of `runs` full passes over `files` (read + parse, nothing else). */
export function measureParse(files, runs) {
  const parsers = new Map();
  let best = null;
  for (let run = 0; run < runs; run++) {
    const pass = parseAll(files, parsers);
    if (!best || pass.seconds < best.seconds) best = pass;
  }
  return best;
}
