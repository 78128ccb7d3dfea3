// Reads a call's callee from the source text instead of asking the syntax tree for it: asking the native
// binding for a child node costs more than the whole parse of that call, and calls are the most common
// node we look at. Anything the scanner is unsure about returns null and the caller asks the tree.

const IDENT = String.raw`#?[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*`;
const MEMBER = String.raw`\s*(?:\?\.|!?\s*\.)\s*${IDENT}`;
// The head of a call whose callee is a plain identifier or member chain: `db.pool.query(`, `a?.b!(`, `sql\``.
const HEAD = new RegExp(String.raw`(${IDENT})((?:${MEMBER})*)\s*!?\s*(?:\?\.)?\s*([(<\x60])`, 'uy');
// What follows an inner call when the callee continues: `.findOne(` in `db.collection('x').findOne(`.
const TAIL = new RegExp(String.raw`((?:${MEMBER})*)\s*!?\s*(?:\?\.)?\s*([(<\x60])`, 'uy');
const SEPARATORS = /[\s!?.]+/u;

export interface CalleeRead {
  /** `db.collection().findOne`: member chain, inner calls marked `()`. */
  text: string;
  segments: string[];
  /** Index of the `(` opening the arguments, or -1 when not known (type arguments, tagged templates). */
  argsOpen: number;
}

function membersOf(chain: string): string[] {
  return chain.length === 0 ? [] : chain.split(SEPARATORS).filter((s) => s.length > 0);
}

/** The callee of a call starting at `start` whose callee contains no call. */
export function readHeadCallee(text: string, start: number): CalleeRead | null {
  HEAD.lastIndex = start;
  const m = HEAD.exec(text);
  if (!m) return null;
  const segments = [m[1] as string, ...membersOf(m[2] ?? '')];
  return { text: segments.join('.'), segments, argsOpen: m[3] === '(' ? HEAD.lastIndex - 1 : -1 };
}

/** The callee of a call whose callee starts with another call (`inner`) ending at `innerEnd`. */
export function readChainedCallee(text: string, inner: CalleeRead, innerEnd: number): CalleeRead | null {
  TAIL.lastIndex = innerEnd;
  const m = TAIL.exec(text);
  if (!m) return null;
  const last = inner.segments[inner.segments.length - 1] ?? '';
  const segments = [...inner.segments.slice(0, -1), `${last}()`, ...membersOf(m[1] ?? '')];
  return { text: segments.join('.'), segments, argsOpen: m[2] === '(' ? TAIL.lastIndex - 1 : -1 };
}

/** Normalises callee text read from the tree (`a?.b\n  .c`) the same way the scanner does. */
export function calleeFromText(source: string): CalleeRead {
  const cleaned = source.replace(/\([^()]*\)/g, '()');
  const segments = cleaned.split(/\s*(?:\?\.|!?\s*\.)\s*/u).filter((s) => s.length > 0);
  return { text: segments.join('.'), segments, argsOpen: -1 };
}
