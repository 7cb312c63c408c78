// `cais create` / `cais container create`: docker's runCreate. The
// container's id goes to stdout (and to --cidfile); with --pull=missing (the
// default) an image the daemon lacks is pulled ("Unable to find image ...
// locally"), then the create is tried again; --pull=always pulls first,
// --pull=never never does.
import { closeSync, existsSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { NotFound } from '../../common/index.js';
import { tagNameOnly, familiarString, tryParseNormalizedNamed } from '../../spec/reference/index.js';
import type { CliContext } from '../cli-context.js';
import { createRequest } from '../create-options.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { localhostDnsWarning } from '../network-opts.js';
import { MessageDisplay } from '../progress.js';

/** docker's cidFile: refused when the file exists, created before the create, removed when no id was written. */
function openCidFile(path: string): { fd: number; path: string } | undefined {
  if (path === '') return undefined;
  if (existsSync(path)) throw new StatusError(`container ID file found, make sure the other container isn't running or delete ${path}`);
  try {
    return { fd: openSync(path, 'w', 0o666), path };
  } catch (err) {
    throw new StatusError(`failed to create the container ID file: open ${path}: ${(err as Error).message}`);
  }
}

/**
 * Creates the container the flags describe, pulling the image first as
 * --pull says; returns its id. Errors are the client's, for the command to word.
 */
export async function createFromFlags(cli: CliContext, flags: ParsedFlags, path: string, adjust?: (body: Record<string, unknown>) => void): Promise<string> {
  const fail = (message: string): StatusError => new StatusError(`cais: ${message}\n\nRun '${path} --help' for more information`, 125);
  const req = createRequest(flags, cli.env, fail);
  adjust?.(req.body);
  const client = await cli.client();
  const cid = openCidFile(req.cidfile);
  let written = false;
  try {
    const named = tryParseNormalizedNamed(req.image);
    // The pull's progress goes to stderr (stdout is for the container), unless -q.
    const display = new MessageDisplay(cli.streams.stderr);
    const pull = async (): Promise<void> => {
      const { registryAuthFor } = await import('../credentials.js');
      const auth = named ? registryAuthFor(cli.env, named.domain) : undefined;
      await client.pullImage(req.image, (m) => req.quiet || display.show(m), { platform: req.platform, auth });
    };
    const create = () => client.createContainer(req.body, { name: req.name, platform: req.platform });
    let created;
    if (req.pull === 'always') await pull();
    try {
      created = await create();
    } catch (err) {
      if (!(err instanceof NotFound) || !named || req.pull !== 'missing') throw err;
      if (!req.quiet) cli.err(`Unable to find image '${familiarString(tagNameOnly(named))}' locally\n`);
      await pull();
      created = await create();
    }
    for (const warning of created.Warnings ?? []) cli.err(`WARNING: ${warning}\n`);
    const dnsWarning = localhostDnsWarning(req.dns);
    if (dnsWarning) cli.err(`${dnsWarning}\n`);
    if (cid) {
      writeSync(cid.fd, created.Id);
      written = true;
    }
    return created.Id;
  } finally {
    if (cid) {
      closeSync(cid.fd);
      if (!written) unlinkSync(cid.path);
    }
  }
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  let id;
  try {
    id = await createFromFlags(cli, flags, 'cais create');
  } catch (err) {
    if (err instanceof StatusError) throw err;
    // The daemon's refusals are printed as they are, exit 1, as docker does.
    throw new StatusError(errorText(err));
  }
  cli.out(`${id}\n`);
}
