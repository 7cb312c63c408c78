// `cais images` / `cais image ls`: docker's runImages.
import type { ImageSummary } from '../../spec/docker/index.js';
import type { CliContext } from '../cli-context.js';
import { type ParsedFlags, filtersFrom } from '../flags.js';
import { renderRows } from '../format/formatter.js';
import { imageFormat, imageHeader, imageRows } from '../format/image-rows.js';

/** The output for these flags, given the daemon's image list. */
export function renderImages(flags: ParsedFlags, images: ImageSummary[]): string {
  const v = flags.values;
  const digests = v.get('digests') === true;
  const format = imageFormat((v.get('format') as string) || 'table', v.get('quiet') === true, digests);
  const rows = imageRows(images, { trunc: v.get('no-trunc') !== true, digests, needDigest: digests || format.includes('{{.Digest}}') });
  return renderRows(format, rows, imageHeader);
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const filters = filtersFrom(flags.values.get('filter') as string[]);
  const match = flags.args[0];
  if (match !== undefined && match !== '') {
    const refs = (filters.reference ??= []);
    if (!refs.includes(match)) refs.push(match);
  }
  const client = await cli.client();
  const images = await client.listImages({ all: flags.values.get('all') === true, filters });
  cli.out(renderImages(flags, images));
}
