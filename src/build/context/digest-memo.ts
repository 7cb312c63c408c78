// Source digests of a kept context, remembered from one build to the next.
// Only the daemon writes a kept directory and each sync says which paths it
// changed, so a digest whose sources hold none of them is still right: a
// rebuild of an unchanged context takes its COPY keys without one lstat.
import type { ResolvedSource, SourcesDigest } from './context-worker-protocol.js';

export class SourceDigestMemo {
  private readonly digests = new Map<string, { paths: string[]; digest: SourcesDigest['digest'] }>();

  get(sources: readonly ResolvedSource[]): SourcesDigest | undefined {
    const known = this.digests.get(JSON.stringify(sources));
    return known && { digest: known.digest, filesRead: 0 };
  }

  set(sources: readonly ResolvedSource[], digest: SourcesDigest): void {
    this.digests.set(JSON.stringify(sources), { paths: sources.map((s) => s.path), digest: digest.digest });
  }

  /** Forgets the digests whose sources hold, or lie below, one of the changed host paths. */
  changed(paths: readonly string[]): void {
    if (paths.length === 0) return;
    const touches = (source: string, path: string): boolean => path === source || path.startsWith(`${source}/`) || source.startsWith(`${path}/`);
    for (const [key, known] of this.digests) {
      if (known.paths.some((source) => paths.some((path) => touches(source, path)))) this.digests.delete(key);
    }
  }

  clear(): void {
    this.digests.clear();
  }
}
