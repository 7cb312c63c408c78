// Creating a container (moby daemon/create.go): the image resolved, its
// config merged with the request, Docker's defaults and checks applied, the
// name reserved, then the rw directories made and the rows inserted. A
// failure at any step leaves nothing behind; after a crash between the
// directories and the rows, startup removes directories without a row.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgument, randomId, shortId } from '../../common/index.js';
import { defaultMaskedPaths, defaultReadonlyPaths, defaultShmSize } from '../../runtime/index.js';
import type { ContainerCreateRequest, ContainerCreateResponse, HostConfig } from '../../spec/index.js';
import { verifyContainerSettings } from '../../spec/docker-validate/index.js';
import type { ContainerImage } from '../../images/index.js';
import type { ContainerContext } from './context.js';
import { nameConflict, type StoredSettings } from './container-store.js';
import { entrypointAndArgs, mergeImageConfig } from './merge-config.js';
import { resolveMountPoints, type ResolvedMount } from './mount-points.js';
import { containerName, randomName } from './names.js';
import { resolveNetworkMode } from './networking.js';

let blkioWeight: boolean | undefined;
/** Whether the blkio controller takes a weight here (CFQ on cgroup v1, io.weight on v2), as moby's sysinfo reads it. */
function blkioWeightSupported(): boolean {
  blkioWeight ??= existsSync('/sys/fs/cgroup/blkio/blkio.weight') || existsSync('/sys/fs/cgroup/io.weight') || existsSync('/sys/fs/cgroup/io.bfq.weight');
  return blkioWeight;
}

/** moby's adaptContainerSettings and the create-time defaults, on a copy. */
function hostDefaults(h: HostConfig, ctx: ContainerContext, warnings: string[]): HostConfig {
  const out: HostConfig = { ...h };
  // moby's verifyPlatformContainerResources: what the host's cgroups cannot do is dropped, with a warning.
  if (out.BlkioWeight > 0 && !blkioWeightSupported()) {
    warnings.push('Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.');
    out.BlkioWeight = 0;
  }
  if (out.Runtime === '') out.Runtime = ctx.runtimes.default;
  else if (!ctx.runtimes.known.includes(out.Runtime)) throw new InvalidArgument(`Unknown runtime specified ${out.Runtime}`);
  if (out.CpuShares < 0) out.CpuShares = 2;
  else if (out.CpuShares > 262144) out.CpuShares = 262144;
  if (out.Memory > 0 && out.MemorySwap === 0) out.MemorySwap = out.Memory * 2;
  if (out.ShmSize === 0) out.ShmSize = defaultShmSize;
  if (out.IpcMode === '') out.IpcMode = 'private';
  if (out.CgroupnsMode === '') out.CgroupnsMode = 'host';
  if (out.OomKillDisable === null) out.OomKillDisable = false;
  if (out.LogConfig.Type === '') out.LogConfig = { Type: 'k8s-file', Config: out.LogConfig.Config };
  if (!out.Privileged) {
    out.MaskedPaths ??= [...defaultMaskedPaths];
    out.ReadonlyPaths ??= [...defaultReadonlyPaths];
  }
  return out;
}

/** --volumes-from: the other container's binds and volumes (not its tmpfs), read-only with ":ro". */
function volumesFrom(ctx: ContainerContext, specs: readonly string[]): ResolvedMount[] {
  return specs.flatMap((spec) => {
    const colon = spec.lastIndexOf(':');
    const mode = colon > 0 ? spec.slice(colon + 1) : '';
    const ref = mode === 'ro' || mode === 'rw' ? spec.slice(0, colon) : spec;
    if (colon > 0 && mode !== 'ro' && mode !== 'rw' && mode !== 'z' && mode !== 'Z') throw new InvalidArgument(`invalid mode for volumes-from: ${mode}`);
    const source = ctx.store.resolve(ref);
    return source.settings.MountPoints.filter((m) => m.Origin !== 'tmpfs').map((m) => ({ ...m, Origin: 'volumes' as const, RW: mode === 'ro' ? false : m.RW }));
  });
}

/** Docker's init layer: the mount points the runtime uses, so mounting them changes nothing in the container's own layer. */
async function makeInitLayer(dir: string): Promise<void> {
  for (const sub of ['etc', 'dev/pts', 'dev/shm', 'proc', 'sys']) await mkdir(join(dir, sub), { recursive: true, mode: 0o755 });
  for (const file of ['etc/hostname', 'etc/hosts', 'etc/resolv.conf', 'dev/console']) await writeFile(join(dir, file), '', { mode: 0o644 });
}

/** A free name: the one asked for (Conflict when taken), or Docker's generateNewName. */
function chooseName(ctx: ContainerContext, requested: string, id: string): string {
  if (requested !== '') {
    const name = containerName(requested);
    const owner = ctx.store.nameOwner(name);
    if (owner !== undefined) throw nameConflict(name, owner);
    return name;
  }
  for (let i = 0; i < 6; i++) {
    const name = `/${randomName(i)}`;
    if (ctx.store.nameOwner(name) === undefined) return name;
  }
  return `/${shortId(id)}`;
}

/**
 * `image` overrides req.Config.Image's lookup: a build step's container runs
 * on a stage's layers, which need not be an image (the config then comes
 * from the request only).
 */
export async function createContainer(ctx: ContainerContext, req: ContainerCreateRequest, requestedName: string, given?: ContainerImage): Promise<ContainerCreateResponse> {
  // As moby: the request is checked before the image is looked up, the merged command after.
  verifyContainerSettings(req, { ncpu: ctx.ncpu });
  const image = given ?? (await ctx.images.forContainer(req.Config.Image));
  const id = randomId();
  const name = chooseName(ctx, requestedName, id);

  const config = mergeImageConfig(req.Config, image.config.config);
  // `--entrypoint ""` resets the entrypoint (and with it the image's command).
  if (config.Entrypoint?.length === 1 && config.Entrypoint[0] === '') config.Entrypoint = null;
  if (config.Hostname === '') config.Hostname = shortId(id);
  const process = entrypointAndArgs(config);
  if (!process) throw new InvalidArgument('no command specified');
  const warnings: string[] = [];
  const { host, networking } = resolveNetworkMode(ctx, req, hostDefaults(req.HostConfig, ctx, warnings), warnings);
  const mountPoints = [...volumesFrom(ctx, host.VolumesFrom ?? []), ...resolveMountPoints(host, config.Volumes, existsSync)];
  const settings: StoredSettings = {
    Config: config,
    HostConfig: host,
    NetworkingConfig: networking,
    Path: process.path,
    Args: process.args,
    Layers: image.chain,
    MountPoints: mountPoints,
  };

  const dir = ctx.layout.dir(id);
  const createdVolumes: string[] = [];
  try {
    for (const m of mountPoints) {
      if (m.Type !== 'volume') continue;
      const existed = m.Name !== '' && ctx.volumes.has(m.Name);
      const volume = await ctx.volumes.ensure(m.Name === '' ? undefined : m.Name, m.VolumeLabels);
      if (!existed) createdVolumes.push(volume.Name);
      m.Name = volume.Name;
    }
    await mkdir(ctx.layout.upper(id), { recursive: true, mode: 0o755 });
    await mkdir(ctx.layout.work(id), { mode: 0o700 });
    await mkdir(ctx.layout.merged(id), { mode: 0o700 });
    await makeInitLayer(ctx.layout.init(id));
    ctx.store.insert({ id, name, imageId: image.id, created: Date.now(), settings });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    for (const name of createdVolumes) await ctx.volumes.remove(name, { force: true }).catch(() => undefined);
    throw err;
  }
  return { Id: id, Warnings: warnings };
}
