// The instructions that only change the image config (BuildKit's
// dispatchEnv, dispatchLabel, dispatchCmd...): no container, no layer, a
// history line with `empty_layer`. ARG also changes the stage's scope.
import { InvalidArgument } from '../../common/index.js';
import type { ContainerConfig } from '../../spec/index.js';
import { parseSignal } from '../../spec/docker-validate/index.js';
import { expandWord, expandWords, type Instruction } from '../../spec/dockerfile/index.js';
import { goList, goQuotedList, healthcheckHistory } from '../history.js';
import { withEnv } from '../stage-state.js';
import { exposedPorts } from './expose.js';
import type { Step, StepContext } from './step.js';

type MetadataInstruction = Extract<
  Instruction,
  { kind: 'ENV' | 'LABEL' | 'EXPOSE' | 'VOLUME' | 'USER' | 'STOPSIGNAL' | 'HEALTHCHECK' | 'SHELL' | 'CMD' | 'ENTRYPOINT' | 'ONBUILD' | 'MAINTAINER' | 'ARG' }
>;

export const metadataKinds: ReadonlySet<Instruction['kind']> = new Set([
  'ENV', 'LABEL', 'EXPOSE', 'VOLUME', 'USER', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'CMD', 'ENTRYPOINT', 'ONBUILD', 'MAINTAINER', 'ARG',
]);

/** A step that sets runtime config: `change` gets a copy of the config to edit. */
function configStep(ctx: StepContext, inputs: unknown, createdBy: string | undefined, change: (c: ContainerConfig) => void, author?: string): Step {
  return {
    inputs,
    ...(createdBy !== undefined && { createdBy }),
    execute: async () => {
      const config: ContainerConfig = { ...ctx.state.runtime() };
      change(config);
      return { config, ...(author !== undefined && { author }) };
    },
  };
}

/** The shell form run through SHELL, as BuildKit's withShell. */
function withShell(ctx: StepContext, command: readonly string[], shell: boolean): string[] {
  return shell ? [...ctx.state.shell(), command.join(' ')] : [...command];
}

/** An ARG: its value from --build-arg, the global scope (bare `ARG name`) or its default, into the stage's scope. */
function declareArgs(ctx: StepContext, instr: Extract<Instruction, { kind: 'ARG' }>): string[] {
  const parts: string[] = [];
  for (const arg of instr.args) {
    const given = ctx.given.get(arg.name);
    if (given !== undefined) ctx.consumed.add(arg.name);
    let value: string | undefined;
    if (given !== undefined) value = given;
    else if (arg.value !== undefined) value = expandWord(arg.value, ctx.state.env(), ctx.escape);
    else value = ctx.globalScope.get(arg.name);
    ctx.state.args.set(arg.name, value);
    parts.push(value === undefined ? arg.name : `${arg.name}=${value}`);
  }
  return parts;
}

export function prepareMetadata(ctx: StepContext, instr: MetadataInstruction): Step {
  const expand = (word: string) => expandWord(word, ctx.state.env(), ctx.escape);
  switch (instr.kind) {
    case 'ENV': {
      const env = instr.env.map((kv) => [expand(kv.key), expand(kv.value)] as const);
      return configStep(ctx, ['ENV', env], `ENV ${env.map(([k, v]) => `${k}=${v}`).join(' ')}`, (c) => {
        let list = [...(c.Env ?? [])];
        for (const [k, v] of env) list = withEnv(list, k, v);
        c.Env = list;
      });
    }
    case 'LABEL': {
      const labels = instr.labels.map((kv) => [expand(kv.key), expand(kv.value)] as const);
      return configStep(ctx, ['LABEL', labels], `LABEL ${labels.map(([k, v]) => `${k}=${v}`).join(' ')}`, (c) => {
        c.Labels = { ...(c.Labels ?? {}), ...Object.fromEntries(labels) };
      });
    }
    case 'EXPOSE': {
      const ports = exposedPorts(instr.ports.flatMap((p) => expandWords(p, ctx.state.env(), ctx.escape)));
      return configStep(ctx, ['EXPOSE', ports], `EXPOSE ${goList(ports)}`, (c) => {
        c.ExposedPorts = { ...(c.ExposedPorts ?? {}), ...Object.fromEntries(ports.map((p) => [p, {}])) };
      });
    }
    case 'VOLUME': {
      const volumes = instr.volumes.map(expand);
      if (volumes.some((v) => v === '')) throw new InvalidArgument('VOLUME specified can not be an empty string');
      return configStep(ctx, ['VOLUME', volumes], `VOLUME ${goList(volumes)}`, (c) => {
        c.Volumes = { ...(c.Volumes ?? {}), ...Object.fromEntries(volumes.map((v) => [v, {}])) };
      });
    }
    case 'USER': {
      const user = expand(instr.user);
      return configStep(ctx, ['USER', user], `USER ${user}`, (c) => {
        c.User = user;
      });
    }
    case 'STOPSIGNAL': {
      const signal = expand(instr.signal);
      parseSignal(signal);
      return configStep(ctx, ['STOPSIGNAL', signal], `STOPSIGNAL ${signal}`, (c) => {
        c.StopSignal = signal;
      });
    }
    case 'HEALTHCHECK':
      return configStep(ctx, ['HEALTHCHECK', instr.health], healthcheckHistory(instr.health), (c) => {
        c.Healthcheck = { ...instr.health };
      });
    case 'SHELL':
      return configStep(ctx, ['SHELL', instr.shell], `SHELL ${goList(instr.shell)}`, (c) => {
        c.Shell = [...instr.shell];
      });
    case 'CMD': {
      const cmd = withShell(ctx, instr.command, instr.shell);
      ctx.state.cmdSet = true;
      return configStep(ctx, ['CMD', cmd], `CMD ${goQuotedList(cmd)}`, (c) => {
        c.Cmd = cmd;
        c.ArgsEscaped = true;
      });
    }
    case 'ENTRYPOINT': {
      const entrypoint = withShell(ctx, instr.command, instr.shell);
      const keepCmd = ctx.state.cmdSet;
      return configStep(ctx, ['ENTRYPOINT', entrypoint, keepCmd], `ENTRYPOINT ${goQuotedList(entrypoint)}`, (c) => {
        c.Entrypoint = entrypoint;
        if (!keepCmd) c.Cmd = null;
      });
    }
    case 'ONBUILD':
      return configStep(ctx, ['ONBUILD', instr.expression], undefined, (c) => {
        c.OnBuild = [...(c.OnBuild ?? []), instr.expression];
      });
    case 'MAINTAINER':
      return configStep(ctx, ['MAINTAINER', instr.maintainer], `MAINTAINER ${instr.maintainer}`, () => undefined, instr.maintainer);
    case 'ARG': {
      const parts = declareArgs(ctx, instr);
      return configStep(ctx, ['ARG', parts], `ARG ${parts.join(' ')}`, () => undefined);
    }
  }
}
