// `cais build [OPTIONS] PATH | URL | -`: sends the context as docker 28's
// classic builder does (the same query, the same tar) and shows the build.
// It asks for cais's structured progress (progress=cais) and renders it as
// BuildKit does, on stderr; a daemon that answers with the classic
// builder's text instead (Docker's) gets it printed on stdout as the docker
// CLI prints it. -q prints only the image ID; --iidfile gets it on success.
import { rmSync, writeFileSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { buildVertexMessageId, type BuildVertexEvent, type JsonMessage } from '../../spec/docker/index.js';
import { buildQuery, checkTags } from '../build-options.js';
import { PlainProgress, TtyProgress } from '../build-progress.js';
import type { CliContext } from '../cli-context.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { humanSize } from '../format/units.js';
import { MessageDisplay } from '../progress.js';

interface Context {
  tar: Readable;
  /** The `dockerfile` parameter ('' for none). */
  dockerfile: string;
  /** A cais daemon's context session: the tar holds only what it asked for. */
  session?: string;
}

/** A buffer standing in for a stream (docker's bytes.Buffer for -q). */
class Buffered {
  text = '';
  isTTY = false;
  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

async function readAll(input: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input as AsyncIterable<Buffer | string>) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The context to send for PATH (a directory or '-') and -f, as the docker CLI prepares it. */
async function prepareContext(cli: CliContext, path: string, file: string): Promise<Context> {
  const client = await import('../../build/client/index.js');
  if (file === '-' && path === '-') throw new StatusError("invalid argument: can't use stdin for both build context and dockerfile");
  if (path === '-') return client.contextFromReader(cli.streams.stdin, file);
  const { stat } = await import('node:fs/promises');
  if (!(await stat(path).then(() => true, () => false))) {
    // Remote contexts (git repositories, URLs of tars or Dockerfiles) the docker CLI fetches itself; cais does not yet.
    if (/^(https?:\/\/|git@|git:\/\/|github\.com\/)/.test(path)) throw new StatusError(`unable to prepare context: remote build contexts are not supported yet: ${path}`);
    throw new StatusError(`unable to prepare context: path ${JSON.stringify(path)} not found`);
  }
  const located = file === '-' ? undefined : await client.locateDockerfile(path, file);
  if (file === '-' || located?.outside) {
    const content = file === '-' ? await readAll(cli.streams.stdin) : await readDockerfile(located!.path, file);
    return client.tarContextWithDockerfile(located?.contextDir ?? path, content);
  }
  const engine = await cli.client();
  const synced = await client.syncContextDirectory(located!.contextDir, { dockerfile: located!.relative }, (req) => engine.syncBuildContext(req));
  return { tar: synced.tar, dockerfile: located!.relative, ...(synced.session !== undefined && { session: synced.session }) };
}

async function readDockerfile(path: string, given: string): Promise<Buffer> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path);
  } catch (err) {
    throw new StatusError(`unable to open Dockerfile: open ${given}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : errorText(err)}`);
  }
}

/** Counts what goes through, for "Sending build context to Docker daemon". */
function counter(): { stream: Transform; bytes: () => number } {
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, bytes: () => bytes };
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const quiet = flags.values.get('quiet') === true;
  const iidfile = flags.values.get('iidfile') as string;
  const progressMode = flags.values.get('progress') as string;
  await checkTags(flags.values.get('tag') as string[]);
  if (flags.values.get('squash') === true) {
    throw new StatusError('"--squash" is only supported on a Docker daemon with experimental features enabled');
  }
  if (iidfile !== '') {
    // Leave no stale file behind if the build fails.
    try {
      rmSync(iidfile, { force: true });
    } catch (err) {
      throw new StatusError(`Removing image ID file: ${errorText(err)}`);
    }
  }
  let context: Context;
  try {
    context = await prepareContext(cli, flags.args[0] as string, flags.values.get('file') as string);
  } catch (err) {
    // The context's errors are the CLI's own, not the daemon's.
    if (err instanceof StatusError) throw err;
    throw new StatusError(err instanceof Error ? err.message : String(err));
  }
  const query = buildQuery(flags, context.dockerfile, cli.env);
  query.set('progress', 'cais');
  if (context.session !== undefined) query.set('context-session', context.session);
  const sent = counter();
  let body: Readable = context.tar;
  if (flags.values.get('compress') === true) body = body.pipe(createGzip());
  let bodyError: Error | undefined;
  body.on('error', (err) => {
    bodyError = err;
    sent.stream.destroy(err);
  });
  body = body.pipe(sent.stream);

  // docker -q keeps the output in buffers (the context upload's apart): shown on stderr only if the build fails.
  const buffer = new Buffered();
  const uploadBuffer = new Buffered();
  const stdout = quiet ? buffer : cli.streams.stdout;
  const stderr = quiet ? buffer : cli.streams.stderr;
  const tty = progressMode === 'tty' || (progressMode === 'auto' && cli.streams.stderr.isTTY === true);
  let mode = 'unknown' as 'unknown' | 'vertex' | 'classic';
  let progress: PlainProgress | TtyProgress | undefined;
  let classic: MessageDisplay | undefined;
  let imageId = '';
  let failure: string | undefined;

  const onMessage = (m: JsonMessage): void => {
    if (m.error !== undefined || m.errorDetail !== undefined) {
      failure = m.errorDetail?.message ?? m.error ?? 'unknown error';
      return;
    }
    if (mode === 'unknown' && !(m.aux !== undefined && m.id === undefined)) {
      mode = m.id === buildVertexMessageId ? 'vertex' : 'classic';
      if (mode === 'vertex') progress = tty && !quiet ? new TtyProgress(cli.streams.stderr as NodeJS.WriteStream) : new PlainProgress(stderr);
      else {
        // The classic builder's first line, once the whole context went: docker's last progress update, its "\r" ends and all.
        (quiet ? uploadBuffer : stdout).write(`Sending build context to Docker daemon ${humanSize(sent.bytes()).padStart(8)}\r\r\n`);
        classic = new MessageDisplay(stdout);
      }
    }
    if (m.id === buildVertexMessageId && progress) {
      progress.event(m.aux as BuildVertexEvent);
      return;
    }
    if (m.aux !== undefined && m.id === undefined) {
      const id = (m.aux as { ID?: unknown }).ID;
      if (typeof id === 'string') imageId = id;
      return;
    }
    if (classic) classic.show(m);
    else if (m.stream !== undefined) stderr.write(m.stream);
  };

  const client = await cli.client();
  try {
    await client.buildImage(body, query, onMessage);
  } catch (err) {
    // A file of the context that could not be read is the CLI's error, in its words.
    if (bodyError) throw new StatusError(bodyError.message);
    throw err;
  } finally {
    if (progress instanceof TtyProgress) progress.finish(failure === undefined);
    else progress?.finish();
  }
  if (failure !== undefined) {
    if (quiet) cli.err(uploadBuffer.text + buffer.text);
    throw new StatusError(failure);
  }
  if (quiet) {
    // The classic builder answers q=1 with the ID as its only text; docker prints that text.
    if (mode === 'classic') imageId = buffer.text;
    cli.out(mode === 'classic' ? buffer.text : `${imageId}\n`);
  }
  if (iidfile !== '') {
    if (imageId === '') throw new StatusError(`Server did not provide an image ID. Cannot write ${iidfile}`);
    writeFileSync(iidfile, imageId, { mode: 0o666 });
  }
}
