import Parser from 'tree-sitter';
import Go from 'tree-sitter-go';

// One parser per module (and so per worker thread): creating parsers is not free, and they are reusable.
const parser = new Parser();
parser.setLanguage(Go as Parser.Language);

export function parseGo(text: string): Parser.Tree {
  return parser.parse(text);
}

export type Node = Parser.SyntaxNode;
