// A container's settings from the request and its image, as moby merges
// them (daemon/commit.go merge, daemon/container.go getEntrypointAndArgs):
// the request wins field by field; Env, Labels, ExposedPorts and Volumes
// are unions; the image's Cmd comes only with its Entrypoint.
import type { ContainerConfig as ImageRuntimeConfig, DockerContainerConfig, HealthConfig } from '../../spec/index.js';

function envKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(0, eq);
}

function mergeHealthcheck(user: HealthConfig | null | undefined, image: HealthConfig | undefined): HealthConfig | null {
  if (!image) return user ?? null;
  if (!user) return { ...image };
  return {
    Test: user.Test && user.Test.length > 0 ? user.Test : image.Test,
    Interval: user.Interval || image.Interval || 0,
    Timeout: user.Timeout || image.Timeout || 0,
    StartPeriod: user.StartPeriod || image.StartPeriod || 0,
    StartInterval: user.StartInterval || image.StartInterval || 0,
    Retries: user.Retries || image.Retries || 0,
  };
}

/** moby's merge(userConf, imageConf): a new config, the inputs untouched. */
export function mergeImageConfig(user: DockerContainerConfig, image: ImageRuntimeConfig | undefined): DockerContainerConfig {
  const out: DockerContainerConfig = { ...user };
  if (!image) return out;
  if (out.User === '') out.User = image.User ?? '';
  const imagePorts = image.ExposedPorts ?? null;
  if (!out.ExposedPorts || Object.keys(out.ExposedPorts).length === 0) out.ExposedPorts = imagePorts;
  else if (imagePorts) out.ExposedPorts = { ...imagePorts, ...out.ExposedPorts };
  const imageEnv = image.Env ?? null;
  if (!out.Env || out.Env.length === 0) out.Env = imageEnv;
  else if (imageEnv) {
    const keys = new Set(out.Env.map(envKey));
    out.Env = [...out.Env, ...imageEnv.filter((e) => !keys.has(envKey(e)))];
  }
  out.Labels = { ...(image.Labels ?? {}), ...out.Labels };
  if (!out.Entrypoint || out.Entrypoint.length === 0) {
    if (!out.Cmd || out.Cmd.length === 0) {
      out.Cmd = image.Cmd ?? null;
      out.ArgsEscaped = image.ArgsEscaped ?? null;
    }
    if (out.Entrypoint === null) out.Entrypoint = image.Entrypoint ?? null;
  }
  out.Healthcheck = mergeHealthcheck(out.Healthcheck, image.Healthcheck);
  if (out.WorkingDir === '') out.WorkingDir = image.WorkingDir ?? '';
  const imageVolumes = image.Volumes ?? null;
  if (!out.Volumes || Object.keys(out.Volumes).length === 0) out.Volumes = imageVolumes;
  else if (imageVolumes) out.Volumes = { ...imageVolumes, ...out.Volumes };
  if (!out.StopSignal) out.StopSignal = image.StopSignal || undefined;
  return out;
}

/** getEntrypointAndArgs: the process path and arguments; undefined when there is no command at all. */
export function entrypointAndArgs(config: DockerContainerConfig): { path: string; args: string[] } | undefined {
  const entrypoint = config.Entrypoint ?? [];
  const cmd = config.Cmd ?? [];
  const all = entrypoint.length > 0 ? [...entrypoint, ...cmd] : cmd;
  if (all.length === 0) return undefined;
  return { path: all[0]!, args: all.slice(1) };
}
