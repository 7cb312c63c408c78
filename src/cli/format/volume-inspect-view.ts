// The Go struct docker decodes a volume's inspect JSON into (volume.Volume
// of API 1.50), which `volume inspect --format` runs on first: unknown
// fields are errors there, and maps print as Go maps.
import { GoMap, GoNil, GoStruct, type GoValue } from './go-value.js';
import { field, omit, pointer, stringMap } from './image-inspect-view.js';
import { type Json, number, string } from './json-fields.js';

export function volumeInspectView(v: Json): GoStruct {
  const status = typeof v.Status === 'object' && v.Status !== null ? new GoMap('map[string]interface {}', v.Status as Record<string, GoValue>, undefined) : new GoNil('map', 'map[string]interface {}');
  return new GoStruct('volume.Volume', [
    field('ClusterVolume', pointer(v.ClusterVolume, '*volume.ClusterVolume', () => []), omit),
    field('CreatedAt', string(v.CreatedAt), omit),
    field('Driver', string(v.Driver)),
    field('Labels', stringMap(v.Labels)),
    field('Mountpoint', string(v.Mountpoint)),
    field('Name', string(v.Name)),
    field('Options', stringMap(v.Options)),
    field('Scope', string(v.Scope)),
    field('Status', status, omit),
    field('UsageData', pointer(v.UsageData, '*volume.UsageData', (u) => [field('RefCount', number(u.RefCount)), field('Size', number(u.Size))]), omit),
  ]);
}
