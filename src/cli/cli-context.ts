// What a command runs with: the standard streams, the global options, and
// the Engine API client, made on first use (and the daemon started then,
// when the default socket has none).
import type { EngineClient } from '../client/index.js';
import { errorMessage } from '../common/index.js';
import { StatusError } from './errors.js';
import { type GlobalOptions, readTlsFiles } from './global-options.js';

export interface Streams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export class CliContext {
  private engine: Promise<EngineClient> | undefined;
  private made: EngineClient | undefined;

  constructor(
    readonly options: GlobalOptions,
    readonly env: NodeJS.ProcessEnv,
    readonly streams: Streams,
  ) {}

  /** Writes to standard output. */
  out(text: string): void {
    this.streams.stdout.write(text);
  }

  /** Writes to standard error. */
  err(text: string): void {
    this.streams.stderr.write(text);
  }

  /** The client of the daemon (started in the background if the default socket has none). */
  client(): Promise<EngineClient> {
    this.engine ??= this.connect();
    return this.engine;
  }

  /** Closes the client's idle connections, so the process can exit. */
  close(): void {
    this.made?.close();
  }

  private async connect(): Promise<EngineClient> {
    const { EngineClient, parseHost, resolveHost } = await import('../client/index.js');
    const { host, isDefault } = resolveHost(this.options.host, this.env);
    let client: EngineClient;
    try {
      const tls = this.options.tls && host.startsWith('tcp://') ? readTlsFiles(this.options) : undefined;
      client = new EngineClient({ host, tls });
    } catch (err) {
      if (err instanceof StatusError) throw err;
      throw new StatusError(errorMessage(err));
    }
    this.made = client;
    const address = parseHost(host);
    if (isDefault && address.kind === 'unix') {
      const { ensureDaemon } = await import('./daemon-autostart.js');
      await ensureDaemon(client, { socketPath: address.path });
    }
    return client;
  }
}
