import type { AttributeWrite, FunctionFacts } from '../../lang/facts.js';

/** Every attribute the function writes: span start options, spans set later, metric recordings. */
export function attributeWrites(fn: FunctionFacts): AttributeWrite[] {
  const all: AttributeWrite[] = [];
  for (const span of fn.spans) all.push(...span.startAttributes);
  all.push(...fn.attributes);
  for (const rec of fn.metricRecordings) all.push(...rec.attributes);
  // The same write can reach us twice (a recording's attributes are also body attributes in some adapters).
  const seen = new Set<string>();
  return all.filter((a) => {
    const k = `${a.line}:${a.column}:${a.key}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The last identifier of a plain value expression (`req.Email` → `Email`), or null for anything computed. */
export function valueName(valueText: string): string | null {
  const trimmed = valueText.trim();
  if (!/^[\w$]+(?:(?:\?\.|\.|->)[\w$]+|\[['"][\w$.-]+['"]\])*(?:\(\))?$/.test(trimmed)) return null;
  const parts = trimmed
    .replace(/\(\)$/, '')
    .split(/\?\.|\.|->|\[['"]|['"]\]/)
    .filter(Boolean);
  return parts[parts.length - 1] ?? null;
}

/** Values passed through a hash or redaction helper are what the standards ask for, not a leak. */
export function isSanitised(valueText: string): boolean {
  return /\b(hash|sha\d*|md5|hmac|redact|mask|anonymi[sz]e|pseudonymi[sz]e|obfuscate|truncate)\w*\s*\(/i.test(
    valueText,
  );
}
