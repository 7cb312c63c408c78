// What a build is asked to do: POST /build's query parameters, checked by
// the API layer and handed over in this form.
import type { NamedReference } from '../spec/index.js';

export interface BuildResources {
  memory: number;
  memorySwap: number;
  cpuShares: number;
  cpusetCpus: string;
  cpusetMems: string;
  cpuPeriod: number;
  cpuQuota: number;
  /** /dev/shm of RUN containers, bytes; 0 for Docker's 64 MiB. */
  shmSize: number;
}

export interface BuildUlimit {
  Name: string;
  Soft: number;
  Hard: number;
}

export interface BuildOptions {
  /** `t`: the names the image gets. */
  tags: NamedReference[];
  /** `buildargs`; a null value was named without one (the CLI found it unset). */
  buildArgs: ReadonlyMap<string, string | null>;
  /** `target`: the stage to build; the last one when absent. */
  target?: string;
  noCache: boolean;
  /** `pull`: look for a newer base image (needs a registry). */
  pull: boolean;
  /** `labels`: added to the image's. */
  labels: Readonly<Record<string, string>>;
  /** `networkmode` of RUN steps: "default" (the default bridge), "none", "host" or a network. */
  networkMode: string;
  /** `extrahosts`: "name:ip" lines added to RUN containers' /etc/hosts. */
  extraHosts: string[];
  resources: BuildResources;
  ulimits: BuildUlimit[];
  /** `cgroupparent` of RUN containers. */
  cgroupParent: string;
  /** `platform`: os[/arch[/variant]]; only the host's can run here. */
  platform?: string;
  /** `rm` / `forcerm`: remove RUN containers (always, unless rm=0). */
  removeContainers: boolean;
  /** `q`: no step output, only the image id at the end. */
  quiet: boolean;
}
