// `cais events` / `cais system events`: docker's runEvents. Events are
// printed as they come, until --until passes or the user interrupts:
// "TIME TYPE ACTION ID (attr=value, ...)" or through a Go template.
import type { EventMessage } from '../../spec/docker/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import { type ParsedFlags, filtersFrom } from '../flags.js';
import { templateText } from '../format/formatter.js';
import { GoMap, GoStruct, type GoValue } from '../format/go-value.js';
import { basicFunctions } from '../format/template/docker-functions.js';
import { Template, TemplateError } from '../format/template/template.js';

/** Go's time.Unix(0, nanos).Format("2006-01-02T15:04:05.000000000Z07:00") in local time. */
export function rfc3339NanoFixed(nanos: bigint): string {
  const ms = Number(nanos / 1_000_000n);
  const offsetMin = -new Date(ms).getTimezoneOffset();
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 19);
  const fraction = (((nanos % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).toString().padStart(9, '0');
  const abs = Math.abs(offsetMin);
  const zone = offsetMin === 0 ? 'Z' : `${offsetMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local}.${fraction}${zone}`;
}

/** prettyPrintEvent. */
export function prettyEvent(e: EventMessage, nanos: bigint): string {
  const attributes = Object.keys(e.Actor.Attributes)
    .sort()
    .map((k) => `${k}=${e.Actor.Attributes[k]}`);
  return `${rfc3339NanoFixed(nanos)} ${e.Type} ${e.Action} ${e.Actor.ID}${attributes.length > 0 ? ` (${attributes.join(', ')})` : ''}\n`;
}

/** events.Message as a Go value for templates; JSON as the daemon sent it (timeNano exact). */
function goMessage(e: EventMessage, nanos: bigint, typeName = 'events.Message'): GoStruct {
  const actor = new GoStruct('events.Actor', [
    { name: 'ID', value: e.Actor.ID },
    { name: 'Attributes', value: new GoMap('map[string]string', e.Actor.Attributes, '') },
  ]);
  const fields: Array<[string, GoValue | GoStruct]> = [
    ['Status', e.status ?? ''],
    ['ID', e.id ?? ''],
    ['From', e.from ?? ''],
    ['Type', e.Type],
    ['Action', e.Action],
    ['Actor', actor],
    ['Scope', e.scope],
    ['Time', e.time],
    // As text: a double cannot hold it.
    ['TimeNano', String(nanos)],
  ];
  const { timeNano: _rounded, ...rest } = e;
  return new GoStruct(typeName, fields.map(([name, value]) => ({ name, value })), () => `${JSON.stringify(rest).slice(0, -1)},"timeNano":${nanos}}`);
}

function makeTemplate(format: string): Template | undefined {
  if (format === '') return undefined;
  try {
    const template = Template.parse(templateText(format === 'json' ? '{{json .}}' : format), basicFunctions);
    // As docker: run once on an empty message (a pointer to one), so that a bad field fails before any event.
    const empty = { Type: '', Action: '', Actor: { ID: '', Attributes: {} }, scope: '', time: 0, timeNano: 0 } as unknown as EventMessage;
    template.execute(goMessage(empty, 0n, '*events.Message'));
    return template;
  } catch (err) {
    if (err instanceof TemplateError) throw new StatusError(`Error parsing format: ${err.message}`, 64);
    throw err;
  }
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const v = flags.values;
  const template = makeTemplate(v.get('format') as string);
  const client = await cli.client();
  // Without --until this runs until the user interrupts it.
  await client.events(
    { since: v.get('since') as string, until: v.get('until') as string, filters: filtersFrom(v.get('filter') as string[]) },
    (e, nanos) => cli.out(template ? `${template.execute(goMessage(e, nanos))}\n` : prettyEvent(e, nanos)),
  );
}
