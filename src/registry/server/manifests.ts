// What a pushed manifest is: its media type (from the body's `mediaType`,
// else the request's Content-Type, which must not contradict it), its
// validation against the OCI schemas, and what it references (blobs and
// manifests that must be in the repository, a subject for referrers).
import { MediaType, descriptorSchema, indexSchema, isIndexType, manifestSchema, parseDocument, type Descriptor } from '../../spec/oci/index.js';
import { sha256Digest, type Digest } from '../../common/index.js';
import { RegistryError } from './errors.js';
import type { ReferrerDescriptor } from './storage.js';

const supportedTypes: readonly string[] = [MediaType.ociManifest, MediaType.ociIndex, MediaType.dockerManifest, MediaType.dockerManifestList];
// The image spec wants a base layer; artifacts may carry none, and registries take them.
const imageManifestSchema = manifestSchema.extend({ layers: descriptorSchema.array() });

export interface ParsedManifest {
  /** Its descriptor, as the referrers API lists it. */
  descriptor: ReferrerDescriptor;
  /** Blobs the repository must hold: config and layers without `urls`. */
  blobs: Digest[];
  /** Manifests the repository must hold: an index's children. */
  manifests: Digest[];
  subject?: Digest;
}

function invalid(message: string): RegistryError {
  return new RegistryError('MANIFEST_INVALID', message);
}

/** The media type of a Content-Type header, without parameters. */
function headerType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function mediaTypeOf(json: unknown, contentType: string | undefined): string {
  const declared = typeof json === 'object' && json !== null ? (json as { mediaType?: unknown }).mediaType : undefined;
  const header = headerType(contentType);
  if (declared !== undefined) {
    if (typeof declared !== 'string' || !supportedTypes.includes(declared)) throw invalid(`unsupported manifest media type ${JSON.stringify(declared)}`);
    if (supportedTypes.includes(header) && header !== declared) throw invalid(`manifest mediaType ${declared} does not match Content-Type ${header}`);
    return declared;
  }
  if (!supportedTypes.includes(header)) throw invalid(`unsupported manifest media type ${JSON.stringify(header)}`);
  // Docker's schema2 documents always name themselves.
  if (header === MediaType.dockerManifest || header === MediaType.dockerManifestList) throw invalid(`a ${header} must have a mediaType`);
  return header;
}

/** Parses and validates a manifest body; MANIFEST_INVALID for anything wrong with it. */
export function parseManifest(body: Buffer, contentType: string | undefined): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw invalid(`manifest is not valid JSON: ${(err as Error).message}`);
  }
  const mediaType = mediaTypeOf(json, contentType);
  const digest = sha256Digest(body);
  const base = { mediaType, digest, size: body.length };
  try {
    if (isIndexType(mediaType)) {
      const index = parseDocument(indexSchema, body, 'manifest');
      const isChild = (d: Descriptor): boolean => supportedTypes.includes(d.mediaType);
      return {
        descriptor: describe(base, index.artifactType, index.annotations),
        blobs: index.manifests.filter((d) => !isChild(d)).map((d) => d.digest),
        manifests: index.manifests.filter(isChild).map((d) => d.digest),
        ...(index.subject ? { subject: index.subject.digest } : {}),
      };
    }
    const manifest = parseDocument(imageManifestSchema, body, 'manifest');
    const pulled = manifest.layers.filter((l) => (l.urls ?? []).length === 0);
    return {
      // The referrers API shows an image manifest's config type when it has no artifactType.
      descriptor: describe(base, manifest.artifactType ?? manifest.config.mediaType, manifest.annotations),
      blobs: [manifest.config.digest, ...pulled.map((l) => l.digest)],
      manifests: [],
      ...(manifest.subject ? { subject: manifest.subject.digest } : {}),
    };
  } catch (err) {
    if (err instanceof RegistryError) throw err;
    throw invalid((err as Error).message);
  }
}

function describe(
  base: { mediaType: string; digest: Digest; size: number },
  artifactType: string | undefined,
  annotations: Record<string, string> | undefined,
): ReferrerDescriptor {
  return { ...base, ...(artifactType ? { artifactType } : {}), ...(annotations ? { annotations } : {}) };
}
