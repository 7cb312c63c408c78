// The Go struct docker decodes an image's inspect JSON into
// (image.InspectResponse of API 1.50). `inspect --format` runs on it first,
// so `{{json .Config}}` leaves out empty fields and `{{.Metadata}}` prints a
// Go time, as docker does; fields it lacks fall back to the raw JSON.
import { type GoField, GoMap, GoNil, GoStruct, GoDuration, GoTime, type GoValue } from './go-value.js';
import { type Json, boolean as bool, number as int, object, string } from './json-fields.js';

/** Go's zero time.Time, 0001-01-01 00:00:00 UTC. */
const zeroTime = new GoTime(Date.parse('0001-01-01T00:00:00Z'), 0, true);

/** The object, or undefined when the JSON has something else there (a nil pointer or map in Go). */
function present(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function strings(v: unknown): GoValue {
  return Array.isArray(v) ? v.map(string) : new GoNil('slice', '[]string');
}

export function stringMap(v: unknown): GoValue {
  const o = present(v);
  if (!o) return new GoNil('map', 'map[string]string');
  return new GoMap('map[string]string', Object.fromEntries(Object.entries(o).map(([k, x]) => [k, string(x)])), '');
}

function setMap(v: unknown): GoValue {
  const o = present(v);
  const empty = new GoStruct('struct {}', []);
  if (!o) return new GoNil('map', 'map[string]struct {}');
  return new GoMap('map[string]struct {}', Object.fromEntries(Object.keys(o).map((k) => [k, empty])), empty);
}

/** A time.Time field: the RFC 3339 text as Go decodes it, or Go's zero time. */
export function goTime(v: unknown): GoTime {
  return (typeof v === 'string' ? GoTime.parse(v) : undefined) ?? zeroTime;
}

export function pointer(v: unknown, typeName: string, make: (o: Json) => GoField[]): GoValue {
  const o = present(v);
  return o ? new GoStruct(typeName, make(o)) : new GoNil('pointer', typeName);
}

export const field = (name: string, value: GoValue, extra: Partial<GoField> = {}): GoField => ({ name, value, ...extra });
export const omit = { omitEmpty: true };

function healthcheck(o: Json): GoField[] {
  const duration = (k: string): GoField => field(k, new GoDuration(int(o[k])), omit);
  return [
    field('Test', strings(o.Test), omit),
    duration('Interval'),
    duration('Timeout'),
    duration('StartPeriod'),
    duration('StartInterval'),
    field('Retries', int(o.Retries), omit),
  ];
}

function imageConfig(o: Json): GoField[] {
  const config = new GoStruct('v1.ImageConfig', [
    field('User', string(o.User), omit),
    field('ExposedPorts', setMap(o.ExposedPorts), omit),
    field('Env', strings(o.Env), omit),
    field('Entrypoint', strings(o.Entrypoint), omit),
    field('Cmd', strings(o.Cmd), omit),
    field('Volumes', setMap(o.Volumes), omit),
    field('WorkingDir', string(o.WorkingDir), omit),
    field('Labels', stringMap(o.Labels), omit),
    field('StopSignal', string(o.StopSignal), omit),
    field('ArgsEscaped', bool(o.ArgsEscaped), omit),
  ]);
  const ext = new GoStruct('specs.DockerOCIImageConfigExt', [
    field('Healthcheck', pointer(o.Healthcheck, '*v1.HealthcheckConfig', healthcheck), omit),
    field('OnBuild', strings(o.OnBuild), omit),
    field('Shell', strings(o.Shell), omit),
  ]);
  return [field('ImageConfig', config, { embedded: true }), field('DockerOCIImageConfigExt', ext, { embedded: true })];
}

function platform(o: Json): GoField[] {
  return [
    field('Architecture', string(o.architecture), { json: 'architecture' }),
    field('OS', string(o.os), { json: 'os' }),
    field('OSVersion', string(o['os.version']), { json: 'os.version', omitEmpty: true }),
    field('OSFeatures', strings(o['os.features']), { json: 'os.features', omitEmpty: true }),
    field('Variant', string(o.variant), { json: 'variant', omitEmpty: true }),
  ];
}

function descriptor(o: Json): GoField[] {
  return [
    field('MediaType', string(o.mediaType), { json: 'mediaType' }),
    field('Digest', string(o.digest), { json: 'digest' }),
    field('Size', int(o.size), { json: 'size' }),
    field('URLs', strings(o.urls), { json: 'urls', omitEmpty: true }),
    field('Annotations', stringMap(o.annotations), { json: 'annotations', omitEmpty: true }),
    field('Data', typeof o.data === 'string' ? o.data : new GoNil('slice', '[]uint8'), { json: 'data', omitEmpty: true }),
    field('Platform', pointer(o.platform, '*v1.Platform', platform), { json: 'platform', omitEmpty: true }),
    field('ArtifactType', string(o.artifactType), { json: 'artifactType', omitEmpty: true }),
  ];
}

/** The typed (Go struct) view of an image's inspect JSON. */
export function imageInspectView(raw: unknown): GoStruct {
  const o = object(raw);
  const graph = object(o.GraphDriver);
  const rootfs = object(o.RootFS);
  const metadata = object(o.Metadata);
  return new GoStruct('image.InspectResponse', [
    field('ID', string(o.Id), { json: 'Id' }),
    field('RepoTags', strings(o.RepoTags)),
    field('RepoDigests', strings(o.RepoDigests)),
    field('Parent', string(o.Parent)),
    field('Comment', string(o.Comment)),
    field('Created', string(o.Created), omit),
    field('Container', string(o.Container), omit),
    field('ContainerConfig', new GoNil('pointer', '*container.Config'), omit),
    field('DockerVersion', string(o.DockerVersion)),
    field('Author', string(o.Author)),
    field('Config', pointer(o.Config, '*specs.DockerOCIImageConfig', imageConfig)),
    field('Architecture', string(o.Architecture)),
    field('Variant', string(o.Variant), omit),
    field('Os', string(o.Os)),
    field('OsVersion', string(o.OsVersion), omit),
    field('Size', int(o.Size)),
    field('VirtualSize', int(o.VirtualSize), omit),
    field('GraphDriver', new GoStruct('storage.DriverData', [field('Data', stringMap(graph.Data)), field('Name', string(graph.Name))])),
    field('RootFS', new GoStruct('image.RootFS', [field('Type', string(rootfs.Type)), field('Layers', strings(rootfs.Layers), omit)])),
    field('Metadata', new GoStruct('image.Metadata', [field('LastTagTime', goTime(metadata.LastTagTime), omit)])),
    field('Descriptor', pointer(o.Descriptor, '*v1.Descriptor', descriptor), omit),
    field('Manifests', Array.isArray(o.Manifests) ? (o.Manifests as GoValue[]) : new GoNil('slice', '[]image.ManifestSummary'), omit),
  ]);
}
