// Fresh identifiers for what the generated code declares (`span`, `ctx`, a hoisted error), chosen so
// they cannot capture or shadow anything the function already uses.
import { KEYWORDS } from '../lexer.js';

/** The first candidate not in `taken`; else the last candidate with the smallest free numeric suffix. */
export function freshName(candidates: readonly string[], taken: ReadonlySet<string>): string {
  for (const c of candidates) if (!taken.has(c)) return c;
  const base = candidates[candidates.length - 1] ?? 'v';
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** `*Order` → `order`, `[]LineItem` → `items`... a readable local name for a value of that type. */
export function nameForType(type: string): string {
  const t = type.replace(/^\*+/, '');
  if (t.startsWith('[]')) return `${nameForType(t.slice(2)).replace(/s$/, '')}s`;
  if (t.startsWith('map[')) return 'm';
  if (t === 'string') return 's';
  if (t === 'bool') return 'ok';
  if (/^u?int(8|16|32|64)?$/.test(t)) return 'n';
  if (/^float(32|64)$/.test(t)) return 'f';
  const bare = t.replace(/\[.*$/s, '').replace(/^.*\./, '');
  if (!/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(bare)) return 'v';
  const lowered = bare.replace(/^\p{Lu}+(?=\p{Lu}\p{Ll})|^\p{Lu}+$|^\p{Lu}/u, (m) => m.toLowerCase());
  return KEYWORDS.has(lowered) ? `${lowered}Value` : lowered;
}
