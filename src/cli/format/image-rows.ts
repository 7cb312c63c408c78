// The rows of `images` (docker's formatter/image.go): one row per
// repository and tag of each image, the columns docker computes from an
// ImageSummary, and the --format defaults for the table, -q and --digests.
import { shortId } from '../../common/index.js';
import type { ImageSummary } from '../../spec/docker/index.js';
import { familiarName, tryParseNormalizedNamed } from '../../spec/reference/index.js';
import { type RowMethods, formatterRow } from './formatter.js';
import { GoTime, type GoStruct } from './go-value.js';
import { formatGoTime } from './go-time.js';
import { humanSize, humanSizeWithPrecision, timeAgo } from './units.js';

export const imageHeader: Record<string, string> = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Containers: 'CONTAINERS',
  VirtualSize: 'SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
};

const defaultTable = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
const defaultTableWithDigest =
  'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';

/** docker's NewImageFormat: the template for a --format value given -q and --digests. */
export function imageFormat(source: string, quiet: boolean, digests: boolean): string {
  if (source === 'table') return quiet ? '{{.ID}}' : digests ? defaultTableWithDigest : defaultTable;
  if (source === 'raw') {
    if (quiet) return 'image_id: {{.ID}}';
    const digest = digests ? 'digest: {{.Digest}}\n' : '';
    return `repository: {{ .Repository }}\ntag: {{.Tag}}\n${digest}image_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n`;
  }
  if (source.startsWith('table') && digests && !source.includes('{{.Digest}}')) return source + '\t{{.Digest}}';
  return source;
}

interface ImageRowData {
  image: ImageSummary;
  repo: string;
  tag: string;
  digest: string;
  trunc: boolean;
}

/** docker's imageContext methods. */
const imageMethods: RowMethods<ImageRowData> = {
  ID: (d) => (d.trunc ? shortId(d.image.Id) : d.image.Id),
  Repository: (d) => d.repo,
  Tag: (d) => d.tag,
  Digest: (d) => d.digest,
  CreatedSince: (d) => timeAgo(d.image.Created),
  CreatedAt: (d) => formatGoTime(new GoTime(d.image.Created * 1000)),
  Size: (d) => humanSizeWithPrecision(d.image.Size, 3),
  Containers: (d) => (d.image.Containers === -1 ? 'N/A' : String(d.image.Containers)),
  VirtualSize: (d) => humanSize(d.image.Size),
  SharedSize: (d) => (d.image.SharedSize === -1 ? 'N/A' : humanSize(d.image.SharedSize)),
  UniqueSize: (d) => (d.image.Size === -1 || d.image.SharedSize === -1 ? 'N/A' : humanSize(d.image.Size - d.image.SharedSize)),
};

/** One image row: the columns docker's imageContext methods return. */
export function imageRow(image: ImageSummary, repo: string, tag: string, digest: string, trunc: boolean): GoStruct {
  return formatterRow('*formatter.imageContext', imageMethods, { image, repo, tag, digest, trunc });
}

export function isDangling(image: ImageSummary): boolean {
  const tags = image.RepoTags ?? [];
  const digests = image.RepoDigests ?? [];
  if (tags.length === 0 && digests.length === 0) return true;
  return tags.length === 1 && tags[0] === '<none>:<none>' && digests.length === 1 && digests[0] === '<none>@<none>';
}

export interface ImageRowOptions {
  trunc: boolean;
  /** --digests was given. */
  digests: boolean;
  /** Digests are shown (--digests, or the format mentions {{.Digest}}). */
  needDigest: boolean;
}

/** docker's imageFormat: rows for every repository:tag (and digest) of each image. */
export function* imageRows(images: ImageSummary[], opts: ImageRowOptions): Generator<GoStruct> {
  for (const image of images) {
    if (isDangling(image)) {
      yield imageRow(image, '<none>', '<none>', '<none>', opts.trunc);
      continue;
    }
    // Docker groups by familiar repository name (in Go's random map order;
    // here in the order the daemon sent them).
    const repoTags = new Map<string, string[]>();
    const repoDigests = new Map<string, string[]>();
    for (const s of image.RepoTags ?? []) {
      const ref = tryParseNormalizedNamed(s);
      if (ref?.tag === undefined) continue;
      const name = familiarName(ref);
      const tags = repoTags.get(name);
      if (tags) tags.push(ref.tag);
      else repoTags.set(name, [ref.tag]);
    }
    for (const s of image.RepoDigests ?? []) {
      const ref = tryParseNormalizedNamed(s);
      if (ref?.digest === undefined) continue;
      const name = familiarName(ref);
      const digests = repoDigests.get(name);
      if (digests) digests.push(ref.digest);
      else repoDigests.set(name, [ref.digest]);
    }
    for (const [repo, tags] of repoTags) {
      const digests = opts.needDigest ? (repoDigests.get(repo) ?? []) : [];
      repoDigests.delete(repo);
      for (const tag of tags) {
        if (digests.length === 0) yield imageRow(image, repo, tag, '<none>', opts.trunc);
        for (const d of digests) yield imageRow(image, repo, tag, d, opts.trunc);
      }
    }
    for (const [repo, digests] of repoDigests) {
      if (opts.digests) for (const d of digests) yield imageRow(image, repo, '<none>', d, opts.trunc);
      else yield imageRow(image, repo, '<none>', '', opts.trunc);
    }
  }
}
