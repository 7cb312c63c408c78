// Build cache records as docker's formatter prints them (formatter/buildcache.go).
import { shortId } from '../../common/index.js';
import { ellipsis } from './display-width.js';
import { type RowMethods, formatterRow } from './formatter.js';
import { type GoStruct, GoTime } from './go-value.js';
import { formatGoTime } from './go-time.js';
import { type Json, boolean, number, string, strings } from './json-fields.js';
import { humanDuration, humanSizeWithPrecision } from './units.js';

export const buildCacheHeader: Record<string, string> = {
  ID: 'CACHE ID',
  CacheType: 'CACHE TYPE',
  Size: 'SIZE',
  CreatedSince: 'CREATED',
  LastUsedSince: 'LAST USED',
  UsageCount: 'USAGE',
  Shared: 'SHARED',
  Description: 'DESCRIPTION',
};

interface BuildCacheRowData {
  b: Json;
  trunc: boolean;
}

/** A time field as Go's Time.String() prints it, or "" when unset. */
function timeString(v: unknown): string {
  const t = GoTime.parse(string(v));
  return t ? formatGoTime(new GoTime(t.ms, t.nanos)) : '';
}

function since(v: unknown): string {
  const t = Date.parse(string(v));
  return Number.isNaN(t) || t <= 0 ? '' : humanDuration(Date.now() - t) + ' ago';
}

/** docker's buildCacheContext methods. */
const buildCacheMethods: RowMethods<BuildCacheRowData> = {
  ID: ({ b, trunc }) => {
    const id = trunc ? shortId(string(b.ID)) : string(b.ID);
    // A record in use is marked, as docker marks it.
    return boolean(b.InUse) ? id + '*' : id;
  },
  CacheType: ({ b }) => string(b.Type),
  Size: ({ b }) => humanSizeWithPrecision(number(b.Size), 3),
  CreatedSince: ({ b }) => since(b.CreatedAt),
  LastUsedSince: ({ b }) => since(b.LastUsedAt),
  UsageCount: ({ b }) => String(number(b.UsageCount)),
  Shared: ({ b }) => String(boolean(b.Shared)),
  Description: ({ b, trunc }) => (trunc ? ellipsis(string(b.Description), 45) : string(b.Description)),
  CreatedAt: ({ b }) => timeString(b.CreatedAt),
  LastUsedAt: ({ b }) => timeString(b.LastUsedAt),
  InUse: ({ b }) => String(boolean(b.InUse)),
  Parent: ({ b, trunc }) => {
    const parents = strings(b.Parents);
    const parent = parents.length > 0 ? parents.join(', ') : string(b.Parent);
    return trunc ? shortId(parent) : parent;
  },
};

export function buildCacheRow(b: Json, trunc: boolean): GoStruct {
  return formatterRow('*formatter.buildCacheContext', buildCacheMethods, { b, trunc });
}

/** docker's buildCacheSort: never-used records first, then by last use. */
export function sortBuildCache(records: Json[]): Json[] {
  const lastUsed = (b: Json): number => (typeof b.LastUsedAt === 'string' ? Date.parse(b.LastUsedAt) : Number.NEGATIVE_INFINITY);
  return [...records].sort((a, b) => lastUsed(a) - lastUsed(b) || 0);
}
