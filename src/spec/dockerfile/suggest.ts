// BuildKit's "did you mean" hints (util/suggest): the closest option within
// two edits of what was written, appended to the message.

/** Levenshtein distance over code points (insert, delete, substitute: 1 each). */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, substitution));
    }
    previous = row;
  }
  return previous[y.length]!;
}

/** The option written in the value's case: all lower, all upper, or as listed. */
function matchCase(option: string, value: string): string {
  if (value === value.toLowerCase()) return option.toLowerCase();
  if (value === value.toUpperCase()) return option.toUpperCase();
  return option;
}

/**
 * `message`, with " (did you mean X?)" when an option is within two edits of
 * `value`; none when `value` is itself an option (the error is about
 * something else then).
 */
export function withSuggestion(message: string, value: string, options: readonly string[], caseSensitive: boolean): string {
  const wanted = caseSensitive ? value : value.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const option of options) {
    const candidate = caseSensitive ? option : option.toLowerCase();
    if (candidate === wanted) return message;
    const d = distance(wanted, candidate);
    if (d < bestDistance) {
      best = caseSensitive ? candidate : matchCase(candidate, value);
      bestDistance = d;
    }
  }
  return best === undefined ? message : `${message} (did you mean ${best}?)`;
}
