// `cais system prune`: stopped containers, unused networks, dangling (or,
// with -a, unused) images and the build cache, and with --volumes the
// anonymous volumes; one question first unless -f, then each part's report
// as docker 28 prints it, and the space reclaimed by all of them.
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import { type ParsedFlags, filtersFrom } from '../flags.js';
import { humanSize } from '../format/units.js';
import { confirm } from '../prompt.js';

function warning(all: boolean, volumes: boolean): string {
  const parts = [
    'all stopped containers',
    'all networks not used by at least one container',
    ...(volumes ? ['all anonymous volumes not used by at least one container'] : []),
    all ? 'all images without at least one container associated to them' : 'all dangling images',
    all ? 'all build cache' : 'unused build cache',
  ];
  return `WARNING! This will remove:\n${parts.map((p) => `  - ${p}\n`).join('')}\nAre you sure you want to continue?`;
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const all = flags.values.get('all') === true;
  const volumes = flags.values.get('volumes') === true;
  const filters = filtersFrom(flags.values.get('filter') as string[]);
  if (volumes && 'until' in filters) throw new StatusError('ERROR: The "until" filter is not supported with "--volumes"');
  if (flags.values.get('force') !== true && !(await confirm(cli.streams, warning(all, volumes)))) return;
  const client = await cli.client();
  let reclaimed = 0;
  const section = (heading: string, lines: string[], space = 0): void => {
    // docker adds up what each part reports, listed or not.
    reclaimed += space;
    if (lines.length === 0) return;
    cli.out(`${heading}:\n${lines.map((line) => `${line}\n`).join('')}\n`);
  };
  const containers = await client.pruneContainers(filters);
  section('Deleted Containers', containers.ContainersDeleted ?? [], containers.SpaceReclaimed);
  const networks = await client.pruneNetworks(filters);
  section('Deleted Networks', networks.NetworksDeleted ?? []);
  if (volumes) {
    const report = await client.pruneVolumes(filters);
    section('Deleted Volumes', report.VolumesDeleted ?? [], report.SpaceReclaimed);
  }
  const images = await client.pruneImages({ ...filters, dangling: [String(!all)] });
  const imageLines = (images.ImagesDeleted ?? []).map((item) => (item.Untagged ? `untagged: ${item.Untagged}` : `deleted: ${item.Deleted ?? ''}`));
  section('Deleted Images', imageLines, images.SpaceReclaimed);
  const cache = await client.pruneBuildCache({ all, filters });
  section('Deleted build cache objects', cache.CachesDeleted ?? [], cache.SpaceReclaimed);
  cli.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
}
