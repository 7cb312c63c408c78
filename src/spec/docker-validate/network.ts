// The bodies of POST /networks/create, /networks/{id}/connect and
// /disconnect, and the EndpointSettings a container create carries,
// validated at the edge (null reads as the zero value, as Go decodes it).
import { z } from 'zod';
import { InvalidArgument } from '../../common/index.js';
import type { EndpointSettings, NetworkConnectRequest, NetworkCreateRequest, NetworkDisconnectRequest } from '../docker/index.js';
import { decodeError } from './go-json.js';

const str = z.string().nullish().transform((v) => v ?? '');
const bool = z.boolean().nullish().transform((v) => v ?? false);
const stringMap = z.record(z.string(), z.string()).nullish().transform((v) => v ?? {});
const strings = z.array(z.string()).nullish();

/** EndpointSettings: what a client may ask for; the fields the daemon reports are accepted and ignored. */
export const endpointSettings = z
  .object({
    IPAMConfig: z.object({ IPv4Address: z.string().optional(), IPv6Address: z.string().optional(), LinkLocalIPs: strings }).nullish(),
    Links: strings,
    Aliases: strings,
    MacAddress: z.string().optional(),
    DriverOpts: z.record(z.string(), z.string()).nullish(),
    GwPriority: z.number().int().optional(),
  })
  .passthrough();

const ipamConfig = z.object({
  Subnet: z.string().optional(),
  IPRange: z.string().optional(),
  Gateway: z.string().optional(),
  AuxiliaryAddresses: z.record(z.string(), z.string()).optional(),
});

const createBody = z.object({
  Name: z.string(),
  CheckDuplicate: z.boolean().nullish(),
  Driver: str,
  Scope: str,
  Internal: bool,
  Attachable: bool,
  Ingress: bool,
  ConfigOnly: bool,
  ConfigFrom: z.object({ Network: z.string() }).nullish(),
  EnableIPv4: z.boolean().nullish().transform((v) => v ?? null),
  EnableIPv6: z.boolean().nullish().transform((v) => v ?? null),
  IPAM: z
    .object({ Driver: str, Config: z.array(ipamConfig).nullish().transform((v) => v ?? []), Options: z.record(z.string(), z.string()).nullish().transform((v) => v ?? null) })
    .nullish()
    .transform((v) => v ?? null),
  Options: stringMap,
  Labels: stringMap,
});

function parse<T extends z.ZodTypeAny>(schema: T, body: unknown, goType: string): z.output<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidArgument(`invalid JSON: json: cannot unmarshal into Go value of type ${goType}`);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw decodeError(parsed.error.issues[0]!);
  return parsed.data as z.output<T>;
}

export function parseNetworkCreate(body: unknown): NetworkCreateRequest {
  const { Name, Driver, Internal, Attachable, Ingress, ConfigOnly, EnableIPv4, EnableIPv6, IPAM, Options, Labels, ConfigFrom } = parse(createBody, body, 'network.CreateRequest');
  if (Name.trim() === '') throw new InvalidArgument('invalid name: name is empty');
  if (ConfigFrom !== null && ConfigFrom !== undefined && ConfigFrom.Network !== '') throw new InvalidArgument('config-from networks are a swarm feature cais does not have');
  return { Name, Driver, Internal, Attachable, Ingress, ConfigOnly, EnableIPv4, EnableIPv6, IPAM, Options, Labels };
}

export function parseNetworkConnect(body: unknown): NetworkConnectRequest {
  const parsed = parse(z.object({ Container: str, EndpointConfig: endpointSettings.nullish() }), body, 'network.ConnectOptions');
  return { Container: parsed.Container, EndpointConfig: (parsed.EndpointConfig ?? null) as EndpointSettings | null };
}

export function parseNetworkDisconnect(body: unknown): NetworkDisconnectRequest {
  return parse(z.object({ Container: str, Force: bool }), body, 'network.DisconnectOptions');
}
