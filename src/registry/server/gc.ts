// `cais registry gc`: mark and sweep, as distribution's garbage-collect.
// Mark: every manifest of every repository (with deleteUntagged, only the
// tagged ones, their index children and the referrers of what is kept),
// and the blobs they reference. Sweep: blobs nobody marked, their links
// in repositories, and the untagged manifests (with deleteUntagged). It
// takes the root's lock, so it refuses to run while a server uses the root.
import { readFile } from 'node:fs/promises';
import type { Digest } from '../../common/index.js';
import { lockRoot } from './lock.js';
import { parseManifest } from './manifests.js';
import { RegistryStorage } from './storage.js';

export interface GarbageCollectionOptions {
  root: string;
  /** Report what would go, remove nothing. */
  dryRun?: boolean;
  /** Also remove manifests no tag reaches. */
  deleteUntagged?: boolean;
  /** Progress lines, as distribution prints them. */
  log?: (line: string) => void;
}

export interface GarbageCollectionResult {
  markedBlobs: number;
  deletedBlobs: Digest[];
  deletedManifests: { repository: string; digest: Digest }[];
}

interface ManifestNode {
  digest: Digest;
  blobs: Digest[];
  children: Digest[];
  subject?: Digest;
}

/** A repository's manifests as a graph; one that cannot be read or parsed has no edges (it keeps only itself). */
async function readManifests(storage: RegistryStorage, repo: string): Promise<Map<Digest, ManifestNode>> {
  const nodes = new Map<Digest, ManifestNode>();
  for (const digest of await storage.revisions(repo)) {
    const stored = await storage.getManifest(repo, digest);
    if (stored === undefined) continue;
    try {
      const parsed = parseManifest(await readFile(stored.path), stored.mediaType);
      nodes.set(digest, { digest, blobs: parsed.blobs, children: parsed.manifests, ...(parsed.subject ? { subject: parsed.subject } : {}) });
    } catch {
      nodes.set(digest, { digest, blobs: [], children: [] });
    }
  }
  return nodes;
}

/** The manifests to keep: all, or (deleteUntagged) what tags reach through indexes and referrers. */
async function keptManifests(storage: RegistryStorage, repo: string, nodes: Map<Digest, ManifestNode>, deleteUntagged: boolean): Promise<Set<Digest>> {
  if (!deleteUntagged) return new Set(nodes.keys());
  const kept = new Set<Digest>();
  const pending: Digest[] = [];
  for (const tag of (await storage.tags(repo)) ?? []) {
    const digest = await storage.resolveTag(repo, tag);
    if (digest !== undefined) pending.push(digest);
  }
  for (;;) {
    while (pending.length > 0) {
      const digest = pending.pop() as Digest;
      const node = nodes.get(digest);
      if (node === undefined || kept.has(digest)) continue;
      kept.add(digest);
      pending.push(...node.children);
    }
    // Signatures and other referrers follow their subject.
    const referrers = [...nodes.values()].filter((n) => !kept.has(n.digest) && n.subject !== undefined && kept.has(n.subject));
    if (referrers.length === 0) return kept;
    pending.push(...referrers.map((n) => n.digest));
  }
}

export async function collectRegistryGarbage(opts: GarbageCollectionOptions): Promise<GarbageCollectionResult> {
  const log = opts.log ?? (() => {});
  const storage = new RegistryStorage(opts.root);
  const release = await lockRoot(opts.root, 'gc');
  try {
    await storage.init();
    const marked = new Set<Digest>();
    const untagged: { repository: string; digest: Digest; subject?: Digest }[] = [];
    const repositories = await storage.repositories();
    for (const repo of repositories) {
      const nodes = await readManifests(storage, repo);
      const kept = await keptManifests(storage, repo, nodes, opts.deleteUntagged === true);
      for (const node of nodes.values()) {
        if (!kept.has(node.digest)) {
          untagged.push({ repository: repo, digest: node.digest, ...(node.subject ? { subject: node.subject } : {}) });
          continue;
        }
        log(`${repo}: marking manifest ${node.digest}`);
        marked.add(node.digest);
        for (const blob of node.blobs) {
          log(`${repo}: marking blob ${blob}`);
          marked.add(blob);
        }
      }
    }
    const deletedBlobs = (await storage.listBlobs()).filter((d) => !marked.has(d)).sort();
    log(`\n${marked.size} blobs marked, ${deletedBlobs.length} blobs and ${untagged.length} manifests eligible for deletion`);
    for (const m of untagged) log(`manifest eligible for deletion: ${m.repository}@${m.digest}`);
    for (const d of deletedBlobs) log(`blob eligible for deletion: ${d}`);
    if (opts.dryRun !== true) {
      for (const m of untagged) await storage.deleteManifest(m.repository, m.digest, m.subject);
      const gone = new Set(deletedBlobs);
      for (const repo of repositories) {
        for (const link of await storage.linkedBlobs(repo)) if (gone.has(link)) await storage.unlinkBlob(repo, link);
      }
      for (const d of deletedBlobs) await storage.deleteBlob(d);
    }
    return { markedBlobs: marked.size, deletedBlobs, deletedManifests: untagged.map(({ repository, digest }) => ({ repository, digest })) };
  } finally {
    await release();
  }
}
