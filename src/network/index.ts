// Networks and the network stacks of running containers: bridges, addresses,
// published ports and names, through netavark and aardvark-dns.
export { Networking, type NetworkingOptions, type NetworkSpec, type NetworkTools, type EndpointRequest, type PortRequest, type SandboxRequest } from './networking.js';
export type { NetworkRecord, EndpointRecord, SandboxRecord, PublishedPort } from './network-store.js';
export { defaultAddressPools, parseAddressPool, type AddressPool } from './address-pools.js';
export { parseAddress, parseSubnet, formatAddress } from './ipv4.js';
