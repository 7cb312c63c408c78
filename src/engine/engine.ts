// The engine: opens the stores under one data root and answers the use cases
// the API serves.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import { InvalidArgument } from '../common/index.js';
import { join } from 'node:path';
import { ImageService } from '../images/index.js';
import type { SystemDataUsage, SystemInfo, SystemVersion } from '../spec/index.js';
import { ContentStore, Database, LayerStore } from '../storage/index.js';
import { ContainerService } from './containers/index.js';
import { RuntimeDriver, findExecutable, readHostFacts } from '../runtime/index.js';
import { host } from './system-info.js';
import { VolumeService } from './volumes/index.js';
import { Networking, defaultAddressPools, type AddressPool, type NetworkTools } from '../network/index.js';
import { EventBus } from './events.js';
import { NetworkService } from './networks/index.js';
import { BuildCache } from '../build/index.js';
import { BuildService } from './build/index.js';
import { RegistryService } from './registries/index.js';

/** /version as the engine knows it: which API versions are served is the API layer's to say. */
export type EngineVersion = Omit<SystemVersion, 'ApiVersion' | 'MinAPIVersion'>;

export interface EngineOptions {
  dataRoot: string;
  execRoot: string;
  /** Parent of the containers' cgroups (dockerd's --cgroup-parent); default /cais. */
  cgroupParent?: string;
  /** dockerd's --bridge ('none': no default bridge; default cais0), --bip and --default-address-pool. */
  bridge?: string;
  bip?: string;
  addressPools?: AddressPool[];
  /** dockerd's --insecure-registry: registries reached over plain HTTP (besides localhost and 127.0.0.0/8). */
  insecureRegistries?: string[];
}

/** A program's path: on PATH, in Debian's podman directory (netavark, aardvark-dns), else its bare name (spawning it then fails with ENOENT). */
function tool(name: string): string {
  try {
    return findExecutable(name, `${process.env.PATH ?? ''}:/usr/lib/podman`);
  } catch {
    return name;
  }
}

function networkTools(): NetworkTools {
  return {
    netavark: tool('netavark'),
    aardvarkDns: tool('aardvark-dns'),
    flock: tool('flock'),
    unshare: tool('unshare'),
    iptables: tool('iptables'),
    iptablesSave: tool('iptables-save'),
    iptablesRestore: tool('iptables-restore'),
  };
}

/** A stable id for this data root, as Docker keeps one in engine-id. */
function engineId(dataRoot: string): string {
  const file = join(dataRoot, 'engine-id');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (id !== '') return id;
  } catch {
    // first start
  }
  const id = randomUUID();
  writeFileSync(`${file}.tmp`, id + '\n');
  renameSync(`${file}.tmp`, file);
  return id;
}

/** An absolute cgroup path without `..`, as the runtimes take it. */
function cgroupParent(path = '/cais'): string {
  const absolute = path.startsWith('/') ? path : `/${path}`;
  if (absolute.split('/').includes('..')) throw new InvalidArgument(`invalid cgroup parent: ${path}`);
  return absolute.replace(/\/+$/, '');
}

/** The init run as PID 1 for --init (Podman's catatonit; Docker ships tini as docker-init). */
function findInit(): string | undefined {
  try {
    return findExecutable('catatonit');
  } catch {
    return undefined;
  }
}

export class Engine {
  private constructor(
    private readonly opts: EngineOptions,
    private readonly db: Database,
    readonly images: ImageService,
    readonly containers: ContainerService,
    readonly volumes: VolumeService,
    readonly networks: NetworkService,
    readonly builds: BuildService,
    readonly registries: RegistryService,
    private readonly networking: Networking,
    readonly events: EventBus,
    private readonly id: string,
  ) {}

  static async open(opts: EngineOptions): Promise<Engine> {
    mkdirSync(opts.dataRoot, { recursive: true, mode: 0o711 });
    mkdirSync(opts.execRoot, { recursive: true, mode: 0o700 });
    const db = Database.open(join(opts.dataRoot, 'cais.db'));
    try {
      const content = new ContentStore(join(opts.dataRoot, 'content'));
      await content.init();
      const layers = new LayerStore(join(opts.dataRoot, 'layers'), db);
      await layers.init();
      // Images and volumes learn which containers use them through these functions; containers come last as they need images.
      let containers: ContainerService | undefined = undefined;
      const events = new EventBus();
      // Before the image service, whose collector must keep what the cache names.
      const buildCache = new BuildCache(db, layers);
      const images = new ImageService({ db, content, layers, users: () => containers?.imageUsers() ?? new Map(), retained: () => buildCache.retained() });
      await images.init();
      const volumes = new VolumeService({ db, root: join(opts.dataRoot, 'volumes'), users: () => containers?.volumeUsers() ?? new Map() });
      await volumes.init();
      const bridge = opts.bridge ?? 'cais0';
      const networks = new Networking({
        db,
        execRoot: opts.execRoot,
        defaultBridge: bridge === 'none' ? null : { interface: bridge, ...(opts.bip !== undefined ? { cidr: opts.bip } : {}) },
        addressPools: opts.addressPools ?? defaultAddressPools,
        tools: networkTools(),
      });
      const driver = new RuntimeDriver({ stateDir: join(opts.execRoot, 'runtime') });
      await driver.init();
      containers = new ContainerService({
        db,
        images,
        volumes,
        networks,
        layers,
        root: join(opts.dataRoot, 'containers'),
        runRoot: join(opts.execRoot, 'containers'),
        run: { driver, hostFacts: await readHostFacts(), cgroupParent: cgroupParent(opts.cgroupParent), initPath: findInit() },
        runtimes: { default: 'crun', known: ['crun', 'runc'] },
        ncpu: os.cpus().length,
        events,
      });
      await containers.init();
      const networkService = new NetworkService(networks, () => containers!, events);
      const builds = new BuildService(buildCache, images, containers, layers, join(opts.dataRoot, 'build'));
      await builds.init();
      const registries = new RegistryService(images, { insecureRegistries: opts.insecureRegistries ?? [] });
      return new Engine(opts, db, images, containers, volumes, networkService, builds, registries, networks, events, engineId(opts.dataRoot));
    } catch (err) {
      db.close();
      throw err;
    }
  }

  async info(): Promise<SystemInfo> {
    const counts = this.containers.counts();
    return {
      ID: this.id,
      Containers: counts.total,
      ContainersRunning: counts.running,
      ContainersPaused: counts.paused,
      ContainersStopped: counts.stopped,
      Images: await this.images.count(),
      Driver: 'overlay2',
      DriverStatus: [],
      DockerRootDir: this.opts.dataRoot,
      OperatingSystem: host.operatingSystem,
      OSVersion: host.osVersion,
      OSType: 'linux',
      Architecture: host.machine,
      KernelVersion: host.kernelVersion,
      NCPU: os.cpus().length,
      MemTotal: os.totalmem(),
      Name: os.hostname(),
      ServerVersion: host.version,
      LoggingDriver: 'k8s-file',
      CgroupDriver: 'cgroupfs',
      CgroupVersion: host.cgroupVersion,
      Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'null'], Authorization: [], Log: ['json-file', 'k8s-file'] },
      Swarm: { LocalNodeState: 'inactive', NodeID: '', NodeAddr: '', ControlAvailable: false, Error: '', RemoteManagers: null },
      Runtimes: { crun: { path: 'crun' }, runc: { path: 'runc' } },
      DefaultRuntime: 'crun',
      SecurityOptions: ['name=seccomp,profile=builtin'],
      SystemTime: new Date().toISOString(),
      IndexServerAddress: 'https://index.docker.io/v1/',
      RegistryConfig: this.registries.config(),
      Labels: [],
      ExperimentalBuild: false,
      Debug: false,
    };
  }

  version(): EngineVersion {
    const details = {
      GitCommit: '',
      GoVersion: process.version,
      Os: 'linux',
      Arch: host.arch,
      KernelVersion: host.kernelVersion,
      BuildTime: '',
    };
    return {
      Platform: { Name: 'cais' },
      Components: [{ Name: 'Engine', Version: host.version, Details: details }],
      Version: host.version,
      ...details,
    };
  }

  async dataUsage(): Promise<SystemDataUsage> {
    const { LayersSize, Images } = await this.images.dataUsage();
    const Containers = await this.containers.list({ all: true, size: true });
    const Volumes = await this.volumes.dataUsage();
    return { LayersSize, Images, Containers, Volumes, BuildCache: this.builds.dataUsage() };
  }

  async close(): Promise<void> {
    this.containers.close();
    // Teardowns under way finish first, so a stopped daemon leaves no half-removed network stack.
    await this.networking.drain();
    this.networking.close();
    this.db.close();
  }
}
