import type { Suppression } from './facts.js';

const MARKER = 'otelwright-ignore';
// A rule token: an id (OTW001), a rule name (missing-span) or a gap type (missing_span).
const RULE_TOKEN = /^(OTW\d{3}|[a-z]+(?:-[a-z]+)+|missing_[a-z_]+)$/i;

/**
 * Reads `otelwright-ignore[: RULE] reason` out of one comment's text (with or without its comment
 * markers). Returns null when the comment is not a suppression.
 */
export function parseSuppression(commentText: string, line: number): Suppression | null {
  const at = commentText.indexOf(MARKER);
  if (at < 0) return null;
  let rest = commentText.slice(at + MARKER.length);
  // A marker glued to other words (`otelwright-ignored`) is not ours.
  if (rest.length > 0 && /^[\w-]/.test(rest)) return null;
  rest = rest.replace(/\*\/\s*$/, '').trim();
  let rule: string | null = null;
  if (rest.startsWith(':') || rest.startsWith('[')) {
    const bracketed = rest.startsWith('[');
    rest = rest.slice(1).trim();
    const token = bracketed ? rest.slice(0, Math.max(rest.indexOf(']'), 0)) : (rest.split(/\s+/)[0] ?? '');
    if (RULE_TOKEN.test(token.trim())) {
      rule = token.trim();
      rest = rest
        .slice(rest.indexOf(token) + token.length)
        .replace(/^\]/, '')
        .trim();
    }
  }
  const reason = rest.replace(/^[-:–—]\s*/, '').trim();
  return { rule, reason, line };
}
