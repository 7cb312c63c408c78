// The registry's files under its root:
//
//   blobs/sha256/<hex>                          every blob and manifest, once
//   uploads/<uuid>/{data,repository}            blob uploads in progress
//   tmp/                                        small files being written
//   repositories/<name>/_layers/sha256/<hex>    the blobs the repository holds (empty files)
//   repositories/<name>/_manifests/revisions/sha256/<hex>   its manifests (the file holds the media type)
//   repositories/<name>/_manifests/tags/<tag>   a tag (the file holds the manifest digest)
//   repositories/<name>/_referrers/sha256/<subject-hex>/sha256/<hex>   the referrer's descriptor (JSON)
//   lock                                        the pid of the server or gc using the root
//
// Every file appears by rename of a complete, synced temporary file, so a
// reader (or a crash) never sees a half-written one: a blob exists only with
// the content its name says, a tag always names a whole digest, and of two
// concurrent writes of one tag the last rename wins. Name components cannot
// begin with `_`, so `_layers` and the rest never clash with repositories.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { digestHex, type Digest } from '../../common/index.js';
import { isRepositoryName, isTag } from './names.js';

export interface StoredManifest {
  digest: Digest;
  mediaType: string;
  size: number;
  path: string;
}

/** A referrer as the referrers API lists it (an OCI descriptor). */
export interface ReferrerDescriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

const maxMediaTypeLength = 255;

function isNoEntry(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** readdir that answers [] for a folder that does not exist. */
async function names(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if (isNoEntry(err)) return [];
    throw err;
  }
}

async function readSmallFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (isNoEntry(err)) return undefined;
    throw err;
  }
}

function sha256Names(files: string[]): Digest[] {
  return files.filter((f) => /^[a-f0-9]{64}$/.test(f)).map((f) => `sha256:${f}` as Digest);
}

export class RegistryStorage {
  readonly uploadsDir: string;
  private readonly blobsDir: string;
  private readonly tmpDir: string;
  private readonly reposDir: string;

  constructor(readonly root: string) {
    this.blobsDir = join(root, 'blobs', 'sha256');
    this.uploadsDir = join(root, 'uploads');
    this.tmpDir = join(root, 'tmp');
    this.reposDir = join(root, 'repositories');
  }

  /** Creates the folders and empties tmp/ (what an interrupted write left). */
  async init(): Promise<void> {
    for (const dir of [this.blobsDir, this.uploadsDir, this.reposDir]) await mkdir(dir, { recursive: true, mode: 0o700 });
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { mode: 0o700 });
  }

  blobPath(digest: Digest): string {
    return join(this.blobsDir, digestHex(digest));
  }

  async blobSize(digest: Digest): Promise<number | undefined> {
    try {
      const s = await stat(this.blobPath(digest));
      return s.isFile() ? s.size : undefined;
    } catch (err) {
      if (isNoEntry(err)) return undefined;
      throw err;
    }
  }

  /** Moves a complete, synced file whose content has `digest` into blobs/ (a blob already there is kept). */
  async commitBlobFile(file: string, digest: Digest): Promise<void> {
    if ((await this.blobSize(digest)) !== undefined) {
      await unlink(file);
      return;
    }
    // Two concurrent commits of one digest both rename the same bytes: either wins.
    await rename(file, this.blobPath(digest));
  }

  async writeBlob(data: Buffer, digest: Digest): Promise<void> {
    if ((await this.blobSize(digest)) !== undefined) return;
    await this.writeAtomically(this.blobPath(digest), data);
  }

  async listBlobs(): Promise<Digest[]> {
    return sha256Names(await names(this.blobsDir));
  }

  async deleteBlob(digest: Digest): Promise<void> {
    await rm(this.blobPath(digest), { force: true });
  }

  // ---- repositories

  private repoDir(repo: string): string {
    return join(this.reposDir, ...repo.split('/'));
  }

  private layerLink(repo: string, digest: Digest): string {
    return join(this.repoDir(repo), '_layers', 'sha256', digestHex(digest));
  }

  private revisionLink(repo: string, digest: Digest): string {
    return join(this.repoDir(repo), '_manifests', 'revisions', 'sha256', digestHex(digest));
  }

  private tagFile(repo: string, tag: string): string {
    return join(this.repoDir(repo), '_manifests', 'tags', tag);
  }

  private referrersDir(repo: string, subject: Digest): string {
    return join(this.repoDir(repo), '_referrers', 'sha256', digestHex(subject), 'sha256');
  }

  async repositoryExists(repo: string): Promise<boolean> {
    const found = await names(this.repoDir(repo));
    return found.includes('_layers') || found.includes('_manifests');
  }

  /** Every repository, sorted; the walk stops at `_` folders, which belong to a repository. */
  async repositories(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string, prefix: string): Promise<void> => {
      const entries = await names(dir);
      if (entries.includes('_layers') || entries.includes('_manifests')) out.push(prefix);
      for (const entry of entries) {
        if (entry.startsWith('_')) continue;
        const name = prefix === '' ? entry : `${prefix}/${entry}`;
        if (isRepositoryName(name)) await walk(join(dir, entry), name);
      }
    };
    await walk(this.reposDir, '');
    return out.filter((r) => r !== '').sort();
  }

  // ---- blob links

  /** The size of a blob the repository holds, or undefined (not linked there, or gone). */
  async repositoryBlobSize(repo: string, digest: Digest): Promise<number | undefined> {
    if ((await readSmallFile(this.layerLink(repo, digest))) === undefined) return undefined;
    return this.blobSize(digest);
  }

  async linkBlob(repo: string, digest: Digest): Promise<void> {
    const link = this.layerLink(repo, digest);
    if ((await readSmallFile(link)) !== undefined) return;
    await this.writeAtomically(link, Buffer.alloc(0));
  }

  /** Removes a repository's link to a blob; false when it had none. */
  async unlinkBlob(repo: string, digest: Digest): Promise<boolean> {
    try {
      await unlink(this.layerLink(repo, digest));
      return true;
    } catch (err) {
      if (isNoEntry(err)) return false;
      throw err;
    }
  }

  async linkedBlobs(repo: string): Promise<Digest[]> {
    return sha256Names(await names(join(this.repoDir(repo), '_layers', 'sha256')));
  }

  // ---- manifests

  /**
   * Stores a manifest in a repository: its blob, its revision link (with its
   * media type), its referrer entry when it has a subject, and the tag.
   */
  async putManifest(repo: string, body: Buffer, manifest: ReferrerDescriptor, subject: Digest | undefined, tag: string | undefined): Promise<void> {
    await this.writeBlob(body, manifest.digest);
    await this.writeAtomically(this.revisionLink(repo, manifest.digest), Buffer.from(manifest.mediaType));
    if (subject !== undefined) {
      await this.writeAtomically(join(this.referrersDir(repo, subject), digestHex(manifest.digest)), Buffer.from(JSON.stringify(manifest)));
    }
    if (tag !== undefined) await this.writeAtomically(this.tagFile(repo, tag), Buffer.from(manifest.digest));
  }

  async getManifest(repo: string, digest: Digest): Promise<StoredManifest | undefined> {
    const mediaType = await readSmallFile(this.revisionLink(repo, digest));
    if (mediaType === undefined || mediaType.length > maxMediaTypeLength) return undefined;
    const size = await this.blobSize(digest);
    return size === undefined ? undefined : { digest, mediaType, size, path: this.blobPath(digest) };
  }

  async revisions(repo: string): Promise<Digest[]> {
    return sha256Names(await names(join(this.repoDir(repo), '_manifests', 'revisions', 'sha256')));
  }

  async resolveTag(repo: string, tag: string): Promise<Digest | undefined> {
    const content = await readSmallFile(this.tagFile(repo, tag));
    return content !== undefined && /^sha256:[a-f0-9]{64}$/.test(content) ? (content as Digest) : undefined;
  }

  /** The repository's tags, sorted; undefined when there is no such repository. */
  async tags(repo: string): Promise<string[] | undefined> {
    if (!(await this.repositoryExists(repo))) return undefined;
    return (await names(join(this.repoDir(repo), '_manifests', 'tags'))).filter(isTag).sort();
  }

  async deleteTag(repo: string, tag: string): Promise<boolean> {
    try {
      await unlink(this.tagFile(repo, tag));
      return true;
    } catch (err) {
      if (isNoEntry(err)) return false;
      throw err;
    }
  }

  /**
   * Removes a manifest from a repository: its revision link, the tags that
   * point at it and its referrer entry (`subject`, read by the caller from
   * the manifest). The blob stays for gc. False when the repository had no
   * such manifest.
   */
  async deleteManifest(repo: string, digest: Digest, subject: Digest | undefined): Promise<boolean> {
    try {
      await unlink(this.revisionLink(repo, digest));
    } catch (err) {
      if (isNoEntry(err)) return false;
      throw err;
    }
    for (const tag of (await this.tags(repo)) ?? []) {
      if ((await this.resolveTag(repo, tag)) === digest) await this.deleteTag(repo, tag);
    }
    if (subject !== undefined) await rm(join(this.referrersDir(repo, subject), digestHex(digest)), { force: true });
    return true;
  }

  /** The manifests of the repository whose subject is `subject`, by digest; entries of deleted manifests are skipped. */
  async referrers(repo: string, subject: Digest): Promise<ReferrerDescriptor[]> {
    const dir = this.referrersDir(repo, subject);
    const out: ReferrerDescriptor[] = [];
    for (const digest of sha256Names(await names(dir)).sort()) {
      if ((await this.getManifest(repo, digest)) === undefined) continue;
      const text = await readSmallFile(join(dir, digestHex(digest)));
      if (text !== undefined) out.push(JSON.parse(text) as ReferrerDescriptor);
    }
    return out;
  }

  // ---- writes

  /** Writes `data` to `dest` through a synced temporary file in tmp/ and a rename. */
  async writeAtomically(dest: string, data: Buffer): Promise<void> {
    const temp = join(this.tmpDir, randomUUID());
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(data);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await mkdir(join(dest, '..'), { recursive: true, mode: 0o700 });
      await rename(temp, dest);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }
}
