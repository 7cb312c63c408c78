// Decodes the `filters` query parameter as moby's filters.FromJSON: the
// current form {"name":{"value":true}} or the legacy {"name":["value"]};
// anything else is "invalid filter" (400).
import { InvalidArgument } from '../common/index.js';
import type { Filters } from '../spec/index.js';

export function parseFilters(raw: string): Filters {
  const filters: Filters = {};
  if (raw === '') return filters;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new InvalidArgument('invalid filter');
  }
  // Go decodes a JSON null into an empty map.
  if (parsed === null) return filters;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidArgument('invalid filter');
  const entries = Object.entries(parsed);
  // Go tries the set form for the whole document, then the list form.
  if (entries.every(([, v]) => isValueSet(v))) {
    for (const [name, set] of entries as Array<[string, Record<string, boolean> | null]>) {
      // A value mapped to false is not in the set (moby's ExactMatch reads it so).
      filters[name] = set === null ? [] : Object.keys(set).filter((value) => set[value] === true);
    }
    return filters;
  }
  if (entries.every(([, v]) => isValueList(v))) {
    for (const [name, list] of entries as Array<[string, string[] | null]>) filters[name] = list === null ? [] : [...new Set(list)];
    return filters;
  }
  throw new InvalidArgument('invalid filter');
}

function isValueSet(v: unknown): v is Record<string, boolean> | null {
  if (v === null) return true;
  if (typeof v !== 'object' || Array.isArray(v)) return false;
  return Object.values(v).every((b) => typeof b === 'boolean');
}

function isValueList(v: unknown): v is string[] | null {
  return v === null || (Array.isArray(v) && v.every((s) => typeof s === 'string'));
}
