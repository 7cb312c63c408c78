// The OCI distribution client: one registry with one set of credentials
// (RegistryClient), and its repositories (manifests, verified blob streams,
// uploads, mounts, tags). Basic and Bearer auth, insecure registries,
// certs.d, size limits and timeouts on every answer.
export { RegistryClient, type RegistryClientOptions } from './registry-client.js';
export type { FetchedManifest, Repository } from './repository.js';
export type { BlobDescriptor } from './upload.js';
export type { RegistryAuth } from './auth.js';
