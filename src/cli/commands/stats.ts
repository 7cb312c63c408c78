// `cais stats` / `cais container stats`: docker's runStats. Each container's
// samples are followed on their own; the table is printed once (--no-stream)
// or redrawn every half second. Without names, the running containers (all
// with -a) are shown, and containers starting or dying later come and go.
import type { EngineClient } from '../../client/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { renderRows } from '../format/formatter.js';
import { type StatsEntry, defaultStatsTable, emptyEntry, statsEntry, statsHeader, statsRow } from '../format/stats-rows.js';

const redrawMs = 500;
// docker zeroes a container's figures when no sample came for this long.
const sampleTimeoutMs = 2000;

interface Followed {
  entry: StatsEntry;
  error?: string;
  /** Resolves with the first sample (or failure). */
  first: Promise<void>;
}

function follow(client: EngineClient, container: string, stream: boolean, signal: AbortSignal): Followed {
  const followed: Followed = { entry: emptyEntry(container), first: Promise.resolve() };
  let timer: NodeJS.Timeout | undefined;
  let gotFirst: () => void = () => undefined;
  followed.first = new Promise((resolve) => (gotFirst = resolve));
  const stale = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      followed.entry = { ...emptyEntry(container), invalid: true };
      gotFirst();
    }, sampleTimeoutMs);
  };
  stale();
  client
    .containerStats(container, { stream }, (sample) => {
      followed.entry = statsEntry(container, sample);
      stale();
      gotFirst();
    }, signal)
    .catch((err: unknown) => {
      followed.error = errorText(err);
      followed.entry = { ...followed.entry, invalid: true };
    })
    .finally(() => {
      clearTimeout(timer);
      gotFirst();
    });
  return followed;
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const v = flags.values;
  const stream = v.get('no-stream') !== true;
  const all = v.get('all') === true;
  const format = (v.get('format') as string) || 'table';
  const trunc = v.get('no-trunc') !== true;
  const client = await cli.client();
  const stop = new AbortController();
  const followed = new Map<string, Followed>();
  const add = (container: string): void => {
    if (!followed.has(container)) followed.set(container, follow(client, container, stream, stop.signal));
  };
  const showAll = flags.args.length === 0;
  try {
    if (showAll) {
      if (stream) {
        // As docker: subscribed before listing, so that no start is missed.
        void client.events({ filters: { type: ['container'] } }, (e) => {
          const id = e.Actor.ID.slice(0, 12);
          if (e.Action === 'start' || (e.Action === 'create' && all)) add(id);
          else if (e.Action === 'die' && !all) followed.delete(id);
        }, stop.signal).catch(() => undefined);
      }
      for (const c of await client.listContainers({ all })) add(c.Id.slice(0, 12));
    } else {
      for (const name of flags.args) add(name);
    }
    await Promise.all([...followed.values()].map((f) => f.first));
    if (!showAll) {
      const errors = [...followed.values()].flatMap((f) => (f.error !== undefined ? [f.error] : []));
      if (errors.length > 0) throw new StatusError(errors.join('\n'));
    }
    const template = format === 'table' ? defaultStatsTable : format;
    for (;;) {
      const rows = [...followed.values()].map((f) => statsRow(f.entry, trunc));
      cli.out((stream ? '\x1b[2J\x1b[H' : '') + renderRows(template, rows, statsHeader));
      if (!stream || (followed.size === 0 && !showAll)) return;
      await new Promise((resolve) => setTimeout(resolve, redrawMs));
      for (const [name, f] of followed) if (f.error !== undefined && !showAll) followed.delete(name);
    }
  } finally {
    stop.abort();
  }
}
