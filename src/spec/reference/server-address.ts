// Registry server addresses as `docker login` and config.json spell them
// (`https://index.docker.io/v1/`, `localhost:5000`, `https://host/v2/`), and
// the reference domain each names (Docker Hub's addresses are docker.io).

const dockerHubHosts = new Set(['', 'docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The host[:port] of an address: its scheme and path dropped, as docker's ConvertToHostname. */
export function serverHost(address: string): string {
  return address.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? '';
}

/** The reference domain a server address names. */
export function serverDomain(address: string): string {
  const host = serverHost(address);
  return dockerHubHosts.has(host) ? 'docker.io' : host;
}
