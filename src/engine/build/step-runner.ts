// RUN steps as real containers: created on the stage's layers (no image
// needed), the command's output streamed to the build as it comes, waited
// for; the container's upper directory is then the step's diff. Mount
// points the runtime made for RUN --mount are removed from it first, as
// BuildKit leaves them out of the layer.
import { rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunStepRequest, RunStepResult, StepRunner } from '../../build/index.js';
import type { Digest } from '../../common/index.js';
import { hostPlatform, type ContainerImage } from '../../images/index.js';
import { parseContainerCreate } from '../../spec/docker-validate/index.js';
import { tarTree } from '../../storage/index.js';
import type { ContainerService, OutputChunk } from '../containers/index.js';

function createRequest(req: RunStepRequest): unknown {
  const r = req.options.resources;
  return {
    Image: req.image,
    Cmd: req.cmd,
    Entrypoint: [''],
    Env: req.env,
    User: req.user,
    WorkingDir: req.workdir,
    AttachStdout: true,
    AttachStderr: true,
    HostConfig: {
      NetworkMode: req.network,
      ExtraHosts: req.options.extraHosts,
      Ulimits: req.options.ulimits,
      CgroupParent: req.options.cgroupParent,
      Memory: r.memory,
      MemorySwap: r.memorySwap,
      CpuShares: r.cpuShares,
      CpusetCpus: r.cpusetCpus,
      CpusetMems: r.cpusetMems,
      CpuPeriod: r.cpuPeriod,
      CpuQuota: r.cpuQuota,
      ShmSize: r.shmSize,
      Mounts: req.mounts.map((m) =>
        m.type === 'tmpfs'
          ? { Type: 'tmpfs', Target: m.target, ...(m.size !== undefined && { TmpfsOptions: { SizeBytes: m.size } }) }
          : { Type: 'bind', Source: m.source, Target: m.target, ReadOnly: m.readonly },
      ),
    },
  };
}

/** The stage as the container's image: its layers; the config is all in the request. */
function stageImage(req: RunStepRequest): ContainerImage {
  const p = hostPlatform();
  return { id: req.image as Digest, config: { architecture: p.architecture, os: p.os, rootfs: { type: 'layers', diff_ids: [] } }, chain: req.layers, size: 0 };
}

export class ContainerStepRunner implements StepRunner {
  constructor(private readonly containers: ContainerService) {}

  async run(req: RunStepRequest): Promise<RunStepResult> {
    const body = parseContainerCreate(createRequest(req));
    const { Id: id } = await this.containers.create(body, '', stageImage(req));
    const remove = async () => {
      await this.containers.remove(id, { force: true, volumes: true });
      req.container(id, 'removed');
    };
    try {
      req.container(id, 'running');
      const streams = await this.containers.attach(id, { stdin: false, stdout: true, stderr: true, stream: true, logs: false });
      const drained = new Promise<void>((resolve) => {
        streams.output.on('data', (chunk: OutputChunk) => req.output(chunk.data));
        streams.output.on('end', resolve);
        streams.output.on('close', resolve);
      });
      const exited = this.containers.wait(id, 'next-exit', req.signal);
      const onAbort = () => void this.containers.kill(id).catch(() => undefined);
      req.signal.addEventListener('abort', onAbort, { once: true });
      try {
        await this.containers.start(id);
        const exitCode = await exited;
        await drained;
        const upper = this.containers.upperDir(id);
        for (const m of req.mounts) await rmdir(join(upper, m.target)).catch(() => undefined);
        return { exitCode, diff: () => tarTree(upper, { whiteouts: true }), remove };
      } finally {
        req.signal.removeEventListener('abort', onAbort);
        streams.close();
      }
    } catch (err) {
      await remove().catch(() => undefined);
      throw err;
    }
  }
}
