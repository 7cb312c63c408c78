// Docker Engine API bodies for networks (v1.50 swagger: Network,
// NetworkCreateRequest, NetworkConnectRequest, NetworkDisconnectRequest,
// the create and prune responses). Request bodies are validated by
// spec/docker-validate.
import type { EndpointSettings } from './containers.js';

export interface IpamConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

export interface Ipam {
  Driver: string;
  Options: Record<string, string> | null;
  Config: IpamConfig[];
}

/** A container on a network, as network inspect lists it. */
export interface NetworkContainer {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  /** CIDR form, e.g. 172.18.0.2/16. */
  IPv4Address: string;
  IPv6Address: string;
}

export interface Network {
  Name: string;
  Id: string;
  /** RFC 3339 with nanoseconds, as Go prints time.Time. */
  Created: string;
  Scope: 'local';
  Driver: string;
  EnableIPv4: boolean;
  EnableIPv6: boolean;
  IPAM: Ipam;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  Containers: Record<string, NetworkContainer>;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

export interface NetworkCreateRequest {
  Name: string;
  /** '' means bridge. */
  Driver: string;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigOnly: boolean;
  EnableIPv4: boolean | null;
  EnableIPv6: boolean | null;
  IPAM: Ipam | null;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

export interface NetworkCreateResponse {
  Id: string;
  Warning: string;
}

export interface NetworkConnectRequest {
  Container: string;
  EndpointConfig: EndpointSettings | null;
}

export interface NetworkDisconnectRequest {
  Container: string;
  Force: boolean;
}

export interface NetworkPruneResponse {
  NetworksDeleted: string[];
}
