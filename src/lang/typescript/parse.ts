import Parser from 'tree-sitter';
import JavaScript from 'tree-sitter-javascript';
import TS from 'tree-sitter-typescript';
import type { Position } from '../facts.js';

export type Grammar = 'typescript' | 'tsx' | 'javascript';

const LANGUAGES: Record<Grammar, Parser.Language> = {
  typescript: TS.typescript as Parser.Language,
  tsx: TS.tsx as Parser.Language,
  javascript: JavaScript as Parser.Language,
};

// One parser per grammar per module instance (so one per worker thread), reused for every file.
const parsers = new Map<Grammar, Parser>();

export function parse(text: string, grammar: Grammar): Parser.Tree {
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(LANGUAGES[grammar]);
    parsers.set(grammar, parser);
  }
  return parser.parse(text);
}

/**
 * A tree for fact extraction, whose nodes are never compared by identity (`a === b`): see
 * skipNodeIdentityCache. Code that compares nodes with `===` must use `parse`.
 */
export function parseForFacts(text: string, grammar: Grammar): Parser.Tree {
  const tree = parse(text, grammar);
  skipNodeIdentityCache(tree);
  return tree;
}

/**
 * The binding keeps every node object it hands out in a per-tree identity cache (a weak reference and a
 * finalizer per node) so that asking twice for the same node returns the same object. Facts read a few
 * hundred thousand nodes per large project, and that bookkeeping (mostly garbage-collecting the
 * finalizers) measured at 10-35% of the parse time on node_modules; without it each read builds a fresh
 * node object. If the binding's internals change, this assignment is inert and only the speed-up is lost.
 */
function skipNodeIdentityCache(tree: Parser.Tree): void {
  const internals = tree as unknown as Record<string, unknown>;
  if (typeof internals._cacheNodes === 'function') internals._cacheNodes = noop;
  if (typeof internals._cacheNode === 'function') internals._cacheNode = noop;
}

function noop(): void {}

const errorQueries = new Map<Grammar, Parser.Query>();

/** Positions of ERROR and MISSING nodes, only looked for when the tree says it has any. */
export function parseErrors(tree: Parser.Tree, grammar: Grammar): Position[] {
  if (!tree.rootNode.hasError) return [];
  let query = errorQueries.get(grammar);
  if (!query) {
    query = new Parser.Query(LANGUAGES[grammar], '(ERROR) @error (MISSING) @missing');
    errorQueries.set(grammar, query);
  }
  const seen = new Set<string>();
  const out: Position[] = [];
  for (const capture of query.captures(tree.rootNode)) {
    const p = capture.node.startPosition;
    const key = `${p.row}:${p.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ line: p.row + 1, column: p.column + 1 });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
