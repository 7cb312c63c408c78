// Where a container's files live: <data-root>/containers/<id>/, with the
// overlay upper and work directories, the mount point of its root and its
// log; and <exec-root>/containers/<id>/, the OCI bundle of its current run
// (config.json and conmon's fifos), which does not outlive a reboot.
import { join } from 'node:path';

export class ContainerLayout {
  constructor(
    readonly root: string,
    readonly runRoot: string,
  ) {}

  dir(id: string): string {
    return join(this.root, id);
  }

  upper(id: string): string {
    return join(this.root, id, 'upper');
  }

  work(id: string): string {
    return join(this.root, id, 'work');
  }

  /**
   * The init layer, between the image and the container's changes (Docker's
   * "-init" layer): the files the runtime mounts over (/etc/hosts...) exist
   * there, so mounting over them leaves nothing in the container's diff.
   */
  init(id: string): string {
    return join(this.root, id, 'init');
  }

  /** The overlay mount point: the container's root filesystem while it runs. */
  merged(id: string): string {
    return join(this.root, id, 'merged');
  }

  /** conmon's k8s-file log; kept across runs, as Docker keeps a container's log. */
  log(id: string): string {
    return join(this.root, id, 'container.log');
  }

  bundle(id: string): string {
    return join(this.runRoot, id);
  }
}
