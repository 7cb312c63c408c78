// `cais registry serve`: runs the registry server until SIGINT or SIGTERM.
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { ramInBytes } from '../parse-units.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const text = (name: string): string | undefined => {
    const value = flags.values.get(name) as string;
    return value === '' ? undefined : value;
  };
  const root = text('root');
  if (root === undefined) throw new StatusError('--root is required');
  const auth = text('auth');
  if (auth !== undefined && auth !== 'basic' && auth !== 'token') throw new StatusError(`invalid --auth ${JSON.stringify(auth)}: expected "basic" or "token"`);
  const cert = text('tls-cert');
  const key = text('tls-key');
  if ((cert === undefined) !== (key === undefined)) throw new StatusError('--tls-cert and --tls-key go together');
  const { serveRegistry } = await import('../../registry/server/index.js');
  let registry;
  try {
    registry = await serveRegistry({
      addr: text('addr') ?? '127.0.0.1:5000',
      root,
      htpasswd: text('htpasswd'),
      auth,
      tokenAcl: text('token-acl'),
      tls: cert !== undefined && key !== undefined ? { cert, key } : undefined,
      maxUploadBytes: ramInBytes(flags.values.get('max-upload-size') as string),
      log: (line) => cli.err(line + '\n'),
    });
  } catch (err) {
    throw new StatusError(`cais registry serve: ${(err as Error).message}`);
  }
  cli.out(`listening on ${registry.address}\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  cli.err(`${signal}: shutting down\n`);
  await registry.close();
}
