// The Go struct docker decodes a network's inspect JSON into (network.Inspect
// of API 1.50), which `network inspect --format` runs on first: `{{.Created}}`
// prints a Go time, `{{.IPAM}}` a struct, and fields it lacks fall back to
// the raw JSON.
import { GoMap, GoNil, GoStruct, type GoValue } from './go-value.js';
import { field, goTime, omit, stringMap } from './image-inspect-view.js';
import { type Json, boolean, list, number, object, string, strings } from './json-fields.js';

const goStrings = (v: unknown): GoValue => (Array.isArray(v) ? strings(v) : new GoNil('slice', '[]string'));

/** A slice of structs, or a nil one. */
function structs(v: unknown, typeName: string, make: (o: Json) => GoStruct): GoValue {
  return Array.isArray(v) ? list(v).map((e) => make(object(e))) : new GoNil('slice', `[]${typeName}`);
}

/** A map of structs, or a nil one; a missing key reads as the zero struct. */
function structMap(v: unknown, typeName: string, make: (o: Json) => GoStruct): GoValue {
  const mapType = `map[string]${typeName}`;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return new GoNil('map', mapType);
  return new GoMap(mapType, Object.fromEntries(Object.entries(v).map(([k, e]) => [k, make(object(e))])), make({}));
}

const ipamConfig = (c: Json): GoStruct =>
  new GoStruct('network.IPAMConfig', [
    field('Subnet', string(c.Subnet), omit),
    field('IPRange', string(c.IPRange), omit),
    field('Gateway', string(c.Gateway), omit),
    field('AuxAddress', stringMap(c.AuxiliaryAddresses), { json: 'AuxiliaryAddresses', omitEmpty: true }),
  ]);

const endpoint = (e: Json): GoStruct =>
  new GoStruct('network.EndpointResource', ['Name', 'EndpointID', 'MacAddress', 'IPv4Address', 'IPv6Address'].map((k) => field(k, string(e[k]))));

const peer = (p: Json): GoStruct => new GoStruct('network.PeerInfo', [field('Name', string(p.Name)), field('IP', string(p.IP))]);

const task = (t: Json): GoStruct =>
  new GoStruct('network.Task', [field('Name', string(t.Name)), field('EndpointID', string(t.EndpointID)), field('EndpointIP', string(t.EndpointIP)), field('Info', stringMap(t.Info))]);

const service = (s: Json): GoStruct =>
  new GoStruct('network.ServiceInfo', [
    field('VIP', string(s.VIP)),
    field('Ports', goStrings(s.Ports)),
    field('LocalLBIndex', number(s.LocalLBIndex)),
    field('Tasks', structs(s.Tasks, 'network.Task', task)),
  ]);

export function networkInspectView(raw: unknown): GoStruct {
  const n = object(raw);
  const ipam = object(n.IPAM);
  return new GoStruct('network.Inspect', [
    field('Name', string(n.Name)),
    field('ID', string(n.Id), { json: 'Id' }),
    field('Created', goTime(n.Created)),
    field('Scope', string(n.Scope)),
    field('Driver', string(n.Driver)),
    field('EnableIPv4', boolean(n.EnableIPv4)),
    field('EnableIPv6', boolean(n.EnableIPv6)),
    field(
      'IPAM',
      new GoStruct('network.IPAM', [
        field('Driver', string(ipam.Driver)),
        field('Options', stringMap(ipam.Options)),
        field('Config', structs(ipam.Config, 'network.IPAMConfig', ipamConfig)),
      ]),
    ),
    field('Internal', boolean(n.Internal)),
    field('Attachable', boolean(n.Attachable)),
    field('Ingress', boolean(n.Ingress)),
    field('ConfigFrom', new GoStruct('network.ConfigReference', [field('Network', string(object(n.ConfigFrom).Network))])),
    field('ConfigOnly', boolean(n.ConfigOnly)),
    field('Containers', structMap(n.Containers, 'network.EndpointResource', endpoint)),
    field('Options', stringMap(n.Options)),
    field('Labels', stringMap(n.Labels)),
    field('Peers', structs(n.Peers, 'network.PeerInfo', peer), omit),
    field('Services', structMap(n.Services, 'network.ServiceInfo', service), omit),
  ]);
}
