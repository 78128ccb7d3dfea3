import Parser from 'tree-sitter';
import JavaScript from 'tree-sitter-javascript';

type Node = Parser.SyntaxNode;

// A node object handed out by the Node binding carries its start as plain numbers (slots 2 and 3: start
// offset in UTF-16 bytes, start row), which JS can read without a call into native code; the `startIndex`
// and `startPosition` getters make that call each time. Calls are the most common node we see, so this
// matters. The layout is checked once against the getters at load; if it ever differs, the getters are used.
interface RawNode {
  [slot: number]: number;
}

function layoutMatches(): boolean {
  try {
    const parser = new Parser();
    parser.setLanguage(JavaScript as Parser.Language);
    const tree = parser.parse('x;\n  é(ü);\n');
    const call = tree.rootNode.descendantsOfType('call_expression')[0];
    if (!call) return false;
    const raw = call as unknown as RawNode;
    return (
      raw[2] === call.startIndex * 2 && raw[3] === call.startPosition.row && call.startPosition.row === 1
    );
  } catch {
    return false;
  }
}

const FAST = layoutMatches();

/** The node's start as a JS string index. */
export const startOf: (node: Node) => number = FAST
  ? (node) => ((node as unknown as RawNode)[2] as number) / 2
  : (node) => node.startIndex;

/** The node's 0-based start row. */
export const rowOf: (node: Node) => number = FAST
  ? (node) => (node as unknown as RawNode)[3] as number
  : (node) => node.startPosition.row;

/** 0-based rows of string indices, from the text's newlines: no call into native code per lookup. */
export class LineIndex {
  private newlines: number[] | null = null;

  constructor(private readonly text: string) {}

  rowAt(index: number): number {
    const newlines = this.newlines ?? this.scan();
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] as number) < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private scan(): number[] {
    const newlines: number[] = [];
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) newlines.push(i);
    this.newlines = newlines;
    return newlines;
  }
}
