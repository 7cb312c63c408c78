// `cais version`: the client and server sections of docker's template,
// aligned by a tabwriter, or the user's --format.
import type { SystemVersion } from '../../spec/docker/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import { GoMap, GoNil, GoStruct, GoTime, type GoValue } from '../format/go-value.js';
import { formatGoTime } from '../format/go-time.js';
import { TabWriter } from '../format/tabwriter.js';
import { basicFunctions } from '../format/template/docker-functions.js';
import { Template, TemplateError } from '../format/template/template.js';
import type { ParsedFlags } from '../flags.js';
import { clientApiVersion, clientArch, cliVersion } from '../version-info.js';

const defaultTemplate = `{{with .Client -}}
Client:{{if ne .Platform nil}}{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}{{end}}
 Version:\t{{.Version}}
 API version:\t{{.APIVersion}}{{if ne .APIVersion .DefaultAPIVersion}} (downgraded from {{.DefaultAPIVersion}}){{end}}
 Go version:\t{{.GoVersion}}
 Git commit:\t{{.GitCommit}}
 Built:\t{{.BuildTime}}
 OS/Arch:\t{{.Os}}/{{.Arch}}
 Context:\t{{.Context}}
{{- end}}

{{- if ne .Server nil}}{{with .Server}}

Server:{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}
 {{- range $component := .Components}}
 {{$component.Name}}:
  {{- if eq $component.Name "Engine" }}
  Version:\t{{.Version}}
  API version:\t{{index .Details "ApiVersion"}} (minimum version {{index .Details "MinAPIVersion"}})
  Go version:\t{{index .Details "GoVersion"}}
  Git commit:\t{{index .Details "GitCommit"}}
  Built:\t{{index .Details "BuildTime"}}
  OS/Arch:\t{{index .Details "Os"}}/{{index .Details "Arch"}}
  Experimental:\t{{index .Details "Experimental"}}
  {{- else }}
  Version:\t{{$component.Version}}
  {{- $detailsOrder := getDetailsOrder $component}}
  {{- range $key := $detailsOrder}}
  {{$key}}:\t{{index $component.Details $key}}
   {{- end}}
  {{- end}}
 {{- end}}
 {{- end}}{{- end}}`;

const functions = {
  ...basicFunctions,
  getDetailsOrder: {
    params: ['value' as const],
    call: (c: GoValue) => {
      const details = c instanceof GoStruct ? c.field('Details')?.value : undefined;
      return details instanceof GoMap ? Object.keys(details.entries).sort() : [];
    },
  },
};

/** docker's reformatDate: an RFC 3339 build time in ANSIC form, else as is. */
function reformatDate(text: string): string {
  const t = GoTime.parse(text);
  return t ? formatGoTime(new GoTime(t.ms, t.nanos), 'ansic') : text;
}

const f = (name: string, value: GoValue, json?: string, omitEmpty = true): { name: string; value: GoValue; json?: string; omitEmpty: boolean } =>
  json === undefined ? { name, value, omitEmpty } : { name, value, json, omitEmpty };

export function clientSection(apiVersion: string): GoStruct {
  return new GoStruct('system.clientVersion', [
    f('Platform', new GoNil('pointer', '*system.platformInfo')),
    f('Version', cliVersion()),
    f('APIVersion', apiVersion, 'ApiVersion'),
    f('DefaultAPIVersion', clientApiVersion),
    f('GitCommit', ''),
    f('GoVersion', process.version),
    f('Os', 'linux'),
    f('Arch', clientArch),
    f('BuildTime', ''),
    f('Context', 'default', undefined, false),
  ]);
}

function serverSection(v: SystemVersion): GoStruct {
  const components = (v.Components ?? []).map((c) => {
    const details = { ...(c.Details ?? {}) };
    if (c.Name === 'Engine' && details.BuildTime !== undefined) details.BuildTime = reformatDate(details.BuildTime);
    return new GoStruct('types.ComponentVersion', [
      f('Name', c.Name, undefined, false),
      f('Version', c.Version, undefined, false),
      f('Details', c.Details ? new GoMap('map[string]string', details, '') : new GoNil('map', 'map[string]string')),
    ]);
  });
  if (!(v.Components ?? []).some((c) => c.Name === 'Engine')) {
    const details = {
      ApiVersion: v.ApiVersion,
      MinAPIVersion: v.MinAPIVersion,
      GitCommit: v.GitCommit,
      GoVersion: v.GoVersion,
      Os: v.Os,
      Arch: v.Arch,
      BuildTime: reformatDate(v.BuildTime),
      Experimental: String(v.Experimental === true),
    };
    components.push(
      new GoStruct('types.ComponentVersion', [
        f('Name', 'Engine', undefined, false),
        f('Version', v.Version, undefined, false),
        f('Details', new GoMap('map[string]string', details, '')),
      ]),
    );
  }
  return new GoStruct('*types.Version', [
    f('Platform', new GoStruct('struct { Name string }', [f('Name', v.Platform?.Name ?? '', undefined, false)])),
    f('Components', components),
    f('Version', v.Version, undefined, false),
    f('APIVersion', v.ApiVersion, 'ApiVersion', false),
    f('MinAPIVersion', v.MinAPIVersion ?? ''),
    f('GitCommit', v.GitCommit, undefined, false),
    f('GoVersion', v.GoVersion, undefined, false),
    f('Os', v.Os, undefined, false),
    f('Arch', v.Arch, undefined, false),
    f('KernelVersion', v.KernelVersion ?? ''),
    f('Experimental', v.Experimental === true),
    f('BuildTime', v.BuildTime ?? ''),
  ]);
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const format = flags.values.get('format') as string;
  let template: Template;
  try {
    template = Template.parse(format === '' ? defaultTemplate : format === 'json' ? '{{json .}}' : format, functions, 'version');
  } catch (err) {
    if (err instanceof TemplateError) throw new StatusError(`template parsing error: ${err.message}`, 64);
    throw err;
  }
  let server: GoValue = new GoNil('pointer', '*types.Version');
  let failure: unknown;
  try {
    const client = await cli.client();
    server = serverSection(await client.version());
  } catch (err) {
    failure = err;
  }
  const data = new GoStruct('system.versionInfo', [f('Client', clientSection(clientApiVersion)), f('Server', server)]);
  const writer = new TabWriter(20, 1);
  let error: unknown;
  try {
    writer.write(template.execute(data));
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    writer.write(err.partial);
    error = new StatusError(err.message);
  }
  writer.write('\n');
  cli.out(writer.flush());
  if (failure !== undefined) throw failure;
  if (error !== undefined) throw error;
}
