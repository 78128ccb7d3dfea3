// One tree-sitter parser per module instance (one per worker thread), reused for every file.
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';

const parser = new Parser();
parser.setLanguage(Python as unknown as Parser.Language);

export function parsePython(text: string): Parser.Tree {
  return parser.parse(text);
}
