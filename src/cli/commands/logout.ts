// `cais logout [SERVER]`: forgets the credentials kept for a registry
// (Docker Hub by default), in docker's words.
import type { CliContext } from '../cli-context.js';
import { CredentialStore, dockerHubServer } from '../credentials.js';
import { serverDomain } from '../../spec/reference/index.js';
import type { ParsedFlags } from '../flags.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const server = flags.args[0] ?? dockerHubServer;
  const domain = serverDomain(server);
  const shown = domain === 'docker.io' ? dockerHubServer : domain;
  if (!new CredentialStore(cli.env).erase(domain)) {
    cli.out(`Not logged in to ${shown}\n`);
    return;
  }
  cli.out(`Removing login credentials for ${shown}\n`);
}
