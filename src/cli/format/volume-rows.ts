// Volumes as docker's formatter prints them (formatter/volume.go).
import { type RowMethods, formatterRow } from './formatter.js';
import type { GoStruct } from './go-value.js';
import { labelList } from './container-rows.js';
import { type Json, number, object, string } from './json-fields.js';
import { humanSize } from './units.js';

export const volumeHeader: Record<string, string> = {
  Name: 'VOLUME NAME',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  Mountpoint: 'MOUNTPOINT',
  Labels: 'LABELS',
  Links: 'LINKS',
  Size: 'SIZE',
  Group: 'GROUP',
  Availability: 'AVAILABILITY',
  Status: 'STATUS',
};

const hasUsage = (v: Json): boolean => v.UsageData !== undefined && v.UsageData !== null;

/** docker's volumeContext methods. */
const volumeMethods: RowMethods<Json> = {
  Name: (v) => string(v.Name),
  Driver: (v) => string(v.Driver),
  Scope: (v) => string(v.Scope),
  Mountpoint: (v) => string(v.Mountpoint),
  Labels: (v) => labelList(v.Labels, false),
  Links: (v) => (hasUsage(v) ? String(number(object(v.UsageData).RefCount)) : 'N/A'),
  Size: (v) => (hasUsage(v) ? humanSize(number(object(v.UsageData).Size)) : 'N/A'),
  // These describe cluster (swarm) volumes only.
  Group: () => 'N/A',
  Availability: () => 'N/A',
  Status: () => 'N/A',
};

export function volumeRow(v: Json): GoStruct {
  return formatterRow('*formatter.volumeContext', volumeMethods, v);
}
