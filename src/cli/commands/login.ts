// `cais login [SERVER]`: docker's runLogin. The daemon checks the
// credentials against the registry (POST /auth); the CLI keeps them where
// the docker CLI does (credentials.ts). Without -u and -p, credentials
// already kept are tried first; then the terminal is asked.
import type { CliContext } from '../cli-context.js';
import { CredentialStore, dockerHubServer } from '../credentials.js';
import { serverDomain } from '../../spec/reference/index.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { ask } from '../prompt.js';
import type { AuthConfig } from '../../spec/docker/index.js';

const maxPasswordBytes = 64 * 1024;

async function readStdin(cli: CliContext): Promise<string> {
  let text = '';
  for await (const chunk of cli.streams.stdin) {
    text += chunk.toString();
    if (text.length > maxPasswordBytes) throw new StatusError('the password on stdin is longer than 64 KiB');
  }
  return text.replace(/\r?\n$/, '');
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const server = flags.args[0] ?? dockerHubServer;
  const domain = serverDomain(server);
  // an empty flag is one not given, as docker reads them
  let username = (flags.values.get('username') as string | undefined)?.trim() || undefined;
  let password = (flags.values.get('password') as string | undefined) || undefined;
  const passwordStdin = flags.values.get('password-stdin') === true;
  if (password !== undefined) {
    cli.err('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
    if (passwordStdin) throw new StatusError('--password and --password-stdin are mutually exclusive');
  }
  if (passwordStdin) {
    if (username === undefined) throw new StatusError('Must provide --username with --password-stdin');
    password = await readStdin(cli);
  }
  const store = new CredentialStore(cli.env);
  const client = await cli.client();
  const serveraddress = domain === 'docker.io' ? dockerHubServer : domain;

  if (username === undefined && password === undefined) {
    const kept = store.get(domain);
    if (kept !== undefined) {
      cli.out('Authenticating with existing credentials...\n');
      try {
        await client.login({ ...kept, serveraddress });
        cli.out('Login Succeeded\n');
        return;
      } catch (err) {
        cli.err(`Login did not succeed, error: ${(err as Error).message}\n`);
      }
    }
  }
  if (username === undefined || password === undefined) {
    if (cli.streams.stdin.isTTY !== true) throw new StatusError('Error: Cannot perform an interactive login from a non TTY device');
    username ??= (await ask(cli.streams, 'Username: ')).trim();
    if (username === '') throw new StatusError('Error: Non-null Username Required');
    if (password === undefined) password = await ask(cli.streams, 'Password: ', true);
    if (password === '') throw new StatusError('Error: Password Required');
  }
  const auth: AuthConfig = { username, password, serveraddress };
  const answer = await client.login(auth);
  const identityToken = answer.IdentityToken !== undefined && answer.IdentityToken !== '' ? answer.IdentityToken : undefined;
  store.store(domain, { username, password, ...(identityToken !== undefined ? { identityToken } : {}) });
  if (store.storesPlainText(domain)) {
    cli.err(
      `WARNING! Your credentials are stored unencrypted in '${store.path}'.\n` +
        'Configure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n',
    );
  }
  cli.out(`${answer.Status || 'Login Succeeded'}\n`);
}
