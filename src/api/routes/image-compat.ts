// Image bodies as older API versions expect them (moby's image router:
// getImagesJSON and getImagesByName). Current clients pass through as is.
import type { ImageInspect, ImageSummary } from '../../spec/index.js';
import { versionLess } from '../version.js';

export function summaryForVersion(image: ImageSummary, version: string): ImageSummary {
  // Containers is only counted from API 1.51 on.
  const out: ImageSummary = { ...image, Containers: -1 };
  if (versionLess(version, '1.43') && out.RepoTags.length === 0 && out.RepoDigests.length === 0) {
    out.RepoTags = ['<none>:<none>'];
    out.RepoDigests = ['<none>@<none>'];
  }
  if (versionLess(version, '1.44')) out.VirtualSize = out.Size;
  if (versionLess(version, '1.48')) delete out.Descriptor;
  return out;
}

export function inspectForVersion(image: ImageInspect, version: string): ImageInspect | (ImageInspect & { VirtualSize: number }) {
  if (!versionLess(version, '1.48')) return image;
  const out: ImageInspect = { ...image };
  delete out.Descriptor;
  if (!versionLess(version, '1.44')) return out;
  return { ...out, Created: out.Created || '0001-01-01T00:00:00Z', VirtualSize: out.Size };
}
