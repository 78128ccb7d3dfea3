// Maps a key path in the parsed standards back to a line in the YAML text, so every error can point at
// the place to fix.
import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export type KeyPathSegment = string | number;

/** A problem at a key path, before it is given a line. */
export interface KeyIssue {
  segments: KeyPathSegment[];
  /** Point at the key itself (an unknown or invalid key) or at its value. */
  at: 'key' | 'value';
  text: string;
}

/** `['score', 'count_severities', 1]` → `score.count_severities[1]`. */
export function formatKeyPath(segments: readonly KeyPathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

export interface Place {
  line: number;
  column: number;
}

function resolve(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function placeOf(node: unknown, lines: LineCounter): Place | null {
  const range = (node as Node | null)?.range;
  if (!range) return null;
  const { line, col } = lines.linePos(range[0]);
  return { line, column: col };
}

/**
 * Where the key path is written: the value's position, or the key's with `at: 'key'` (for an unknown
 * key, the key is what is wrong). A path that goes further than the text (a missing key) resolves to the
 * deepest part that exists.
 */
export function locate(
  doc: Document,
  lines: LineCounter,
  segments: readonly KeyPathSegment[],
  at: 'key' | 'value' = 'value',
): Place | null {
  let node: unknown = resolve(doc, doc.contents);
  let place = placeOf(node, lines);
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => String(isScalar(item.key) ? item.key.value : item.key) === String(segment),
      );
      if (!pair) return place;
      const keyPlace = placeOf(pair.key, lines) ?? place;
      node = resolve(doc, pair.value);
      place = last && at === 'key' ? keyPlace : (placeOf(node, lines) ?? keyPlace);
    } else if (isSeq(node) && typeof segment === 'number') {
      node = resolve(doc, node.items[segment]);
      place = placeOf(node, lines) ?? place;
    } else {
      return place;
    }
  }
  return place;
}
