// Globs for `include`/`exclude`, with .gitignore's reading of them: a glob without `/` matches a name at
// any depth, and a glob that matches a directory covers everything under it. Our own small translator
// rather than path.matchesGlob: that is experimental in Node 20 (a warning on stderr) and missing before
// 20.17, and it never matches dotfiles with `*`.

function escapeRegExp(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Splits `a,{b,c},d` at its top-level commas. */
function alternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] ?? '';
    if (char === '\\' && i + 1 < glob.length) {
      out += escapeRegExp(glob[++i] ?? '');
    } else if (char === '*' && glob[i + 1] === '*') {
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      const next = glob[i + 2];
      if (atSegmentStart && next === '/') {
        out += '(?:[^/]*/)*';
        i += 2;
      } else if (atSegmentStart && next === undefined) {
        out += '.*';
        i += 1;
      } else {
        out += '[^/]*';
        i += 1;
      }
    } else if (char === '*') {
      out += '[^/]*';
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '[' && glob.indexOf(']', i + 2) !== -1) {
      const close = glob.indexOf(']', i + 2);
      const body = glob.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      const members = (negated ? body.slice(1) : body).replace(/\\/g, '\\\\').replace(/\]/g, '\\]');
      out += negated ? `[^/${members}]` : `[${members}]`;
      i = close;
    } else if (char === '{' && closingBrace(glob, i) !== -1) {
      const close = closingBrace(glob, i);
      out += `(?:${alternatives(glob.slice(i + 1, close))
        .map(translate)
        .join('|')})`;
      i = close;
    } else {
      out += escapeRegExp(char);
    }
  }
  return out;
}

/** The regular expression for a whole path matching `glob`. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob)}$`);
}

/** Each directory above the file, then the file: `a/b/c.go` → `a`, `a/b`, `a/b/c.go`. */
function prefixes(path: string): string[] {
  const segments = path.split('/');
  return segments.map((_, index) => segments.slice(0, index + 1).join('/'));
}

/**
 * A predicate over POSIX paths relative to the audit root: true when any glob matches the path or a
 * directory above it.
 */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const compiled = globs.map((raw) => {
    const glob = raw.replace(/^\.\//, '').replace(/^\//, '').replace(/\/+$/, '');
    return { regExp: globToRegExp(glob), byName: !glob.includes('/') };
  });
  return (path) =>
    compiled.some(({ regExp, byName }) =>
      byName
        ? path.split('/').some((name) => regExp.test(name))
        : prefixes(path).some((prefix) => regExp.test(prefix)),
    );
}
