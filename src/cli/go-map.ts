// Maps as Go's encoding/json writes them: keys in byte order (UTF-16 order
// differs only for astral characters), whatever order they were made in.
import { compareStrings } from './format/go-value.js';

export function goSortedMap<T>(map: Record<string, T> | Map<string, T>): Record<string, T> {
  const entries = map instanceof Map ? [...map] : Object.entries(map);
  return Object.fromEntries(entries.sort(([a], [b]) => compareStrings(a, b)));
}
