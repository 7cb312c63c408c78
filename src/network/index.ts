// Networks and the network stacks of running containers: bridges, addresses,
// published ports and names, through netavark and aardvark-dns.
export { Networking, type NetworkingOptions, type NetworkTools, type EndpointRequest, type PortRequest } from './networking.js';
export type { NetworkRecord, SandboxRecord } from './network-store.js';
export { defaultAddressPools, parseAddressPool, type AddressPool } from './address-pools.js';
