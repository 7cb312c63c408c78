// What every container operation works with.
import type { ImageService } from '../../images/index.js';
import type { Networking } from '../../network/index.js';
import type { VolumeService } from '../volumes/index.js';
import type { LayerStore } from '../../storage/index.js';
import type { EventBus } from '../events.js';
import type { ContainerStore } from './container-store.js';
import type { ContainerLayout } from './layout.js';
import type { ContainerRootfs } from './rootfs.js';
import type { ContainerRunner } from './runner.js';

export interface ContainerContext {
  readonly store: ContainerStore;
  readonly images: ImageService;
  readonly volumes: VolumeService;
  readonly networks: Networking;
  readonly layers: LayerStore;
  readonly layout: ContainerLayout;
  readonly rootfs: ContainerRootfs;
  readonly runner: ContainerRunner;
  /** The runtime a container gets without --runtime, and those it may ask for. */
  readonly runtimes: { readonly default: string; readonly known: readonly string[] };
  readonly ncpu: number;
  /** Where container events go, for /events. */
  readonly events: EventBus;
}
