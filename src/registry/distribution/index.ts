// The OCI distribution client: one registry with one set of credentials,
// and its repositories (manifests, blobs, uploads, mounts, tags).
export { RegistryClient, Repository, isInsecureRegistry, maxManifestBytes, type FetchedManifest, type RegistryAuth, type RegistryClientOptions } from './registry-client.js';
