// Which daemon to talk to, and how to reach it.

export const defaultHost = 'unix:///run/cais/cais.sock';

/** --host, else CAIS_HOST, else DOCKER_HOST, else the default socket. */
export function resolveHost(flagHost: string | undefined, env: NodeJS.ProcessEnv): { host: string; isDefault: boolean } {
  const host = flagHost || env.CAIS_HOST || env.DOCKER_HOST;
  return host ? { host, isDefault: false } : { host: defaultHost, isDefault: true };
}
