// The file's top-level declarations, read with a tree cursor: one native hop per declaration, no node
// objects. Their bodies are then read from the text (see lexer.ts).
import type Parser from 'tree-sitter';

export interface TopLevelDecl {
  /** tree-sitter node type: `package_clause`, `import_declaration`, `function_declaration`, `method_declaration`, `var_declaration`, `const_declaration`, `type_declaration`. */
  type: string;
  start: number;
  end: number;
}

export function topLevelDeclarations(tree: Parser.Tree): TopLevelDecl[] {
  const decls: TopLevelDecl[] = [];
  const cursor = tree.walk();
  if (!cursor.gotoFirstChild()) return decls;
  do {
    const type = cursor.nodeType;
    if (type !== 'comment') decls.push({ type, start: cursor.startIndex, end: cursor.endIndex });
  } while (cursor.gotoNextSibling());
  return decls;
}
