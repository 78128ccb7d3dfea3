// "Did you mean" for typos in keys and placeholders: the closest known word within a small edit distance.

/** Levenshtein distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `pkg` in `package`, `fn` in `function`: the letters in order, starting with the same one. */
function isAbbreviation(word: string, candidate: string): boolean {
  if (word.length < 2 || word[0] !== candidate[0]) return false;
  let at = 0;
  for (const letter of candidate) if (letter === word[at]) at++;
  return at === word.length;
}

/**
 * The candidate `word` is most plausibly a typo of: the closest within a third of the word's length (at
 * least 1, at most 3 edits; ties go to the earlier candidate), else the only candidate it abbreviates.
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  const lower = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== null) return best;
  const abbreviated = candidates.filter((candidate) => isAbbreviation(lower, candidate.toLowerCase()));
  return abbreviated.length === 1 ? (abbreviated[0] ?? null) : null;
}
