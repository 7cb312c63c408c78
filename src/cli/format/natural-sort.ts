// fvbommel/sortorder's NaturalLess, which docker uses to sort volume names:
// runs of digits compare as numbers (fewer leading zeros first), digits sort
// before other characters, everything else bytewise.

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export function naturalLess(a: string, b: string): boolean {
  const s1 = Buffer.from(a);
  const s2 = Buffer.from(b);
  let i = 0;
  let j = 0;
  while (i < s1.length && j < s2.length) {
    const d1 = isDigit(s1[i]!);
    const d2 = isDigit(s2[j]!);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (s1[i] !== s2[j]) return s1[i]! < s2[j]!;
      i++;
      j++;
      continue;
    }
    while (i < s1.length && s1[i] === 48) i++;
    while (j < s2.length && s2[j] === 48) j++;
    const start1 = i;
    const start2 = j;
    while (i < s1.length && isDigit(s1[i]!)) i++;
    while (j < s2.length && isDigit(s2[j]!)) j++;
    if (i - start1 !== j - start2) return i - start1 < j - start2;
    const n1 = s1.subarray(start1, i).toString();
    const n2 = s2.subarray(start2, j).toString();
    if (n1 !== n2) return n1 < n2;
    if (start1 !== start2) return start1 < start2;
  }
  return s1.length < s2.length;
}

/** The comparator for Array.prototype.sort. */
export function naturalCompare(a: string, b: string): number {
  return naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0;
}
