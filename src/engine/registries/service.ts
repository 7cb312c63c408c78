// Pull, push and login as the API serves them: a reference's registry is
// reached with the credentials the request carries (X-Registry-Auth, or the
// body of /auth), and the image store reads from or writes to one of its
// repositories. Registry failures are worded as dockerd words them.
import { NotFound, PermissionDenied, Unauthorized } from '../../common/index.js';
import type { ImageService, ImageSource, ImageDestination } from '../../images/index.js';
import { RegistryClient, type RegistryAuth, type Repository } from '../../registry/index.js';
import {
  MediaType,
  familiarName,
  familiarString,
  parseNormalizedNamed,
  referenceString,
  serverDomain,
  withTag,
  type JsonMessage,
  type NamedReference,
} from '../../spec/index.js';

export interface RegistryServiceOptions {
  /** dockerd's --insecure-registry: host[:port] names and CIDRs reached over plain HTTP. */
  insecureRegistries?: readonly string[];
}

export interface RegistryConfig {
  InsecureRegistryCIDRs: string[];
  IndexConfigs: Record<string, { Name: string; Mirrors: string[]; Secure: boolean; Official: boolean }>;
  Mirrors: string[];
}

export interface PullRequest {
  /** `fromImage` with `tag` applied: a tag, a digest, or a bare name for every tag. */
  ref: NamedReference;
  allTags: boolean;
  platform?: string;
  auth?: RegistryAuth;
}

export interface PushRequest {
  /** A tag, or a bare name with allTags. */
  ref: NamedReference;
  allTags: boolean;
  auth?: RegistryAuth;
}

// What a pull asks for, as dockerd's Accept list (OCI and schema2, manifests and indexes).
const manifestTypes = [MediaType.ociIndex, MediaType.dockerManifestList, MediaType.ociManifest, MediaType.dockerManifest];

type Progress = (m: JsonMessage) => void;

export class RegistryService {
  constructor(
    private readonly images: ImageService,
    private readonly opts: RegistryServiceOptions = {},
  ) {}

  private client(domain: string, auth: RegistryAuth | undefined): RegistryClient {
    return new RegistryClient(domain, auth, { insecureRegistries: this.opts.insecureRegistries ?? [] });
  }

  /** POST /images/create?fromImage=: one reference, or every tag of a repository. */
  async pull(req: PullRequest, progress: Progress): Promise<void> {
    const repo = this.client(req.ref.domain, req.auth).repository(req.ref.path, 'pull');
    const refs = req.allTags ? (await denied(req.ref, repo.tags())).map((tag) => withTag(req.ref, tag)) : [req.ref];
    for (const ref of refs) {
      const source: ImageSource = {
        manifest: (reference) => denied(ref, missing(ref, repo.manifest(reference, manifestTypes))),
        blob: (desc) => denied(ref, repo.blob(desc)),
      };
      await this.images.pull(source, ref, req.platform !== undefined ? { platform: req.platform } : {}, progress);
    }
  }

  /** POST /images/{name}/push: one tag, or every local tag of the repository. */
  async push(req: PushRequest, progress: Progress): Promise<void> {
    const refs = req.allTags ? this.images.tagsOf(req.ref) : [req.ref];
    if (refs.length === 0) throw new NotFound(`An image does not exist locally with the tag: ${referenceString(req.ref)}`);
    progress({ status: `The push refers to repository [${referenceString({ domain: req.ref.domain, path: req.ref.path })}]` });
    const dest = destination(this.client(req.ref.domain, req.auth).repository(req.ref.path, 'push'));
    for (const ref of refs) await this.images.push(dest, ref, {}, progress);
  }

  /** /info's RegistryConfig, as moby's registry.ServiceConfig: loopback and the CIDRs told are insecure, then each insecure name. */
  config(): RegistryConfig {
    const told = this.opts.insecureRegistries ?? [];
    const isCidr = (entry: string): boolean => /^[0-9.]+\/\d+$|:.*\/\d+$/.test(entry);
    const IndexConfigs: RegistryConfig['IndexConfigs'] = { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } };
    for (const name of told.filter((e) => !isCidr(e))) IndexConfigs[name] = { Name: name, Mirrors: [], Secure: false, Official: false };
    return { InsecureRegistryCIDRs: ['::1/128', '127.0.0.0/8', ...told.filter(isCidr)], IndexConfigs, Mirrors: [] };
  }

  /** POST /auth: checks the credentials against the registry; an identity token when its token server gave one. */
  async login(auth: RegistryAuth): Promise<{ identityToken?: string }> {
    return this.client(serverDomain(auth.serveraddress ?? ''), auth).login();
  }
}

function destination(repo: Repository): ImageDestination {
  return {
    hasBlob: (digest) => repo.hasBlob(digest),
    mountBlob: (digest, from) => repo.mountBlob(digest, from),
    pushBlob: (desc, open, onProgress) => repo.pushBlob(desc, open, onProgress),
    putManifest: (reference, bytes, mediaType) => repo.putManifest(reference, bytes, mediaType),
  };
}

/** dockerd's wording when the registry refuses a pull (distribution/errors.go). */
async function denied<T>(ref: NamedReference, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (!(err instanceof Unauthorized || err instanceof PermissionDenied)) throw err;
    const message = `pull access denied for ${familiarName(ref)}, repository does not exist or may require 'docker login': ${err.message}`;
    throw new PermissionDenied(message, { cause: err });
  }
}

/** dockerd's wording of a manifest the registry does not have. */
async function missing<T>(ref: NamedReference, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (!(err instanceof NotFound)) throw err;
    throw new NotFound(`manifest for ${familiarString(ref)} not found: ${err.message}`, { cause: err });
  }
}

/** fromImage and tag as /images/create takes them: the tag may also be a digest. */
export function pullReference(fromImage: string, tag: string): NamedReference {
  const ref = parseNormalizedNamed(fromImage);
  if (tag === '') return ref;
  if (tag.includes(':')) return parseNormalizedNamed(`${referenceString({ domain: ref.domain, path: ref.path })}@${tag}`);
  return parseNormalizedNamed(`${referenceString({ domain: ref.domain, path: ref.path })}:${tag}`);
}
