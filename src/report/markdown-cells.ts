// Text for GitHub-flavoured Markdown table cells: one line, no stray table pipes, no live markup.

/** Truncates to `max` characters with an ellipsis, on one line. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Plain text: Markdown punctuation (including `|` and backticks) is backslash-escaped. */
export function textCell(text: string, max = 160): string {
  return oneLine(text, max).replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/**
 * A code span that survives any content: the fence is one backtick longer than the longest run
 * inside, and `|` is escaped because GFM splits table rows before it reads code spans.
 */
export function codeCell(text: string, max = 120): string {
  const flat = oneLine(text, max).replaceAll('|', '\\|');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
