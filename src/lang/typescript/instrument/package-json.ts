// Adds a dependency to package.json text without disturbing it: the file's indentation, key order and
// final newline stay; the new key goes in sorted place when the section is sorted, else last.

interface Span {
  start: number;
  end: number;
}

interface Member {
  key: string;
  keySpan: Span;
  value: Span;
}

/** New package.json text with `name: range` in `dependencies`, or null when it is already a dependency. */
export function addDependency(text: string, name: string, range: string): string | null {
  const top = objectMembers(text, text.indexOf('{'));
  if (!top) throw new Error('package.json is not a JSON object');
  const unit = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const entry = `${JSON.stringify(name)}: ${JSON.stringify(range)}`;
  const section = top.members.find((m) => m.key === 'dependencies');
  if (!section) {
    // A new section before devDependencies, or last.
    const dev = top.members.findIndex((m) => m.key === 'devDependencies');
    const block = `"dependencies": {\n${unit.repeat(2)}${entry}\n${unit}}`;
    return insertAt(text, top, dev < 0 ? top.members.length : dev, block, unit);
  }
  const deps = objectMembers(text, section.value.start);
  if (!deps) throw new Error('package.json "dependencies" is not an object');
  if (deps.members.some((m) => m.key === name)) return null;
  if (deps.members.length === 0) {
    return `${text.slice(0, section.value.start)}{\n${unit.repeat(2)}${entry}\n${unit}}${text.slice(deps.close + 1)}`;
  }
  const keys = deps.members.map((m) => m.key);
  const sorted = keys.every((k, i) => i === 0 || (keys[i - 1] as string) <= k);
  const at = sorted ? deps.members.findIndex((m) => m.key > name) : -1;
  const memberIndent = indentOf(text, (deps.members[0] as Member).keySpan.start);
  return insertAt(text, deps, at < 0 ? deps.members.length : at, entry, memberIndent);
}

/** Inserts `member` as the `index`th member of a non-empty object whose members sit at `indent`. */
function insertAt(
  text: string,
  object: { members: Member[] },
  index: number,
  member: string,
  indent: string,
): string {
  const next = object.members[index];
  if (next)
    return `${text.slice(0, next.keySpan.start)}${member},\n${indent}${text.slice(next.keySpan.start)}`;
  const previous = object.members[object.members.length - 1] as Member;
  return `${text.slice(0, previous.value.end)},\n${indent}${member}${text.slice(previous.value.end)}`;
}

function indentOf(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The members of the object starting at `open` (`{`), with their key and value spans. */
function objectMembers(text: string, open: number): { members: Member[]; close: number } | null {
  if (text[open] !== '{') return null;
  const members: Member[] = [];
  let i = skipSpace(text, open + 1);
  while (i < text.length && text[i] !== '}') {
    if (text[i] === ',') {
      i = skipSpace(text, i + 1);
      continue;
    }
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const valueEnd = skipValue(text, valueStart);
    members.push({ key, keySpan: { start: i, end: keyEnd }, value: { start: valueStart, end: valueEnd } });
    i = skipSpace(text, valueEnd);
  }
  return { members, close: i };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}

function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = skipString(text, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !/[,}\]\s]/.test(text[j] as string)) j++;
  return j;
}
