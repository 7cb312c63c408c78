// The typed Dockerfile, as BuildKit's instructions package reads it.
//
// Values are kept as written: quotes, escapes and variables are resolved
// only at build time, when the builder runs the fields listed in
// EXPANDED_FIELDS through expandWord (which also removes the quotes, as
// Docker does: `ENV A="b c"` holds `"b c"` here and sets `b c`).

/** The escape character, `\` unless a `# escape=` directive says `` ` ``. */
export type EscapeChar = '\\' | '`';

interface Located {
  /** First line of the instruction (1-based). */
  startLine: number;
  /** Last line, heredoc bodies included. */
  endLine: number;
  /** The instruction as written, continuation lines joined, trimmed (heredoc bodies apart). */
  original: string;
}

export interface KeyValue {
  key: string;
  value: string;
}

/** A here-document: `<<NAME` (expanded at build time) or `<<"NAME"` / `<<'NAME'` (kept as is). */
export interface Heredoc {
  name: string;
  /** The body, each line with its line ending; leading tabs removed for `<<-`. */
  content: string;
  /** False when the name was quoted. */
  expand: boolean;
  /** Written `<<-NAME`. */
  chomp: boolean;
}

export interface FromInstruction extends Located {
  kind: 'FROM';
  /** The base: an image reference, an earlier stage's name or `scratch`. */
  image: string;
  /** The `AS` name, lower-cased. */
  name?: string;
  platform?: string;
}

export type RunNetwork = 'default' | 'none' | 'host';
export type RunSecurity = 'sandbox' | 'insecure';

/** `RUN --device=name[,required]`, a CDI device. */
export interface RunDevice {
  name: string;
  required: boolean;
}

export interface RunInstruction extends Located {
  kind: 'RUN';
  /** Shell form: one string for the shell; exec form: the argv. */
  command: string[];
  /** Shell form: run `command` through SHELL (default `/bin/sh -c`). */
  shell: boolean;
  heredocs: Heredoc[];
  /** The `--mount` values as written; parseMount turns each into a RunMount at build time. */
  mounts: string[];
  network: RunNetwork;
  security: RunSecurity;
  devices: RunDevice[];
}

export interface CmdInstruction extends Located {
  kind: 'CMD';
  command: string[];
  shell: boolean;
}

export interface EntrypointInstruction extends Located {
  kind: 'ENTRYPOINT';
  command: string[];
  shell: boolean;
}

export interface LabelInstruction extends Located {
  kind: 'LABEL';
  labels: KeyValue[];
}

export interface EnvInstruction extends Located {
  kind: 'ENV';
  env: KeyValue[];
}

export interface ExposeInstruction extends Located {
  kind: 'EXPOSE';
  /** As written, sorted (as Docker sorts them before expanding). */
  ports: string[];
}

export interface AddInstruction extends Located {
  kind: 'ADD';
  /** Paths, URLs or git references. */
  sources: string[];
  /** Sources written as heredocs (`ADD <<EOF /dest`). */
  heredocs: Heredoc[];
  dest: string;
  chown?: string;
  chmod?: string;
  link: boolean;
  keepGitDir: boolean;
  checksum?: string;
  exclude: string[];
  /** `--unpack`; absent means Docker's default (unpack local archives only). */
  unpack?: boolean;
}

export interface CopyInstruction extends Located {
  kind: 'COPY';
  sources: string[];
  heredocs: Heredoc[];
  dest: string;
  /** A stage name or index, a named context or an image. */
  from?: string;
  chown?: string;
  chmod?: string;
  link: boolean;
  parents: boolean;
  exclude: string[];
}

export interface VolumeInstruction extends Located {
  kind: 'VOLUME';
  volumes: string[];
}

export interface UserInstruction extends Located {
  kind: 'USER';
  user: string;
}

export interface WorkdirInstruction extends Located {
  kind: 'WORKDIR';
  path: string;
}

export interface ArgInstruction extends Located {
  kind: 'ARG';
  /** `name` or `name=default`. */
  args: { name: string; value?: string }[];
}

export interface OnbuildInstruction extends Located {
  kind: 'ONBUILD';
  /** The trigger, parsed (Docker only parses it when a child image builds). */
  trigger: Instruction;
  /** The text Docker stores in the image's OnBuild, heredoc bodies appended. */
  expression: string;
}

export interface StopsignalInstruction extends Located {
  kind: 'STOPSIGNAL';
  signal: string;
}

/** As the image config stores it; durations in nanoseconds, unset ones absent. */
export interface Healthcheck {
  /** `["NONE"]`, `["CMD", argv...]` or `["CMD-SHELL", command]`. */
  Test: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

export interface HealthcheckInstruction extends Located {
  kind: 'HEALTHCHECK';
  health: Healthcheck;
}

export interface ShellInstruction extends Located {
  kind: 'SHELL';
  shell: string[];
}

/** Deprecated by Docker, still accepted: sets the image's author. */
export interface MaintainerInstruction extends Located {
  kind: 'MAINTAINER';
  maintainer: string;
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CmdInstruction
  | EntrypointInstruction
  | LabelInstruction
  | EnvInstruction
  | ExposeInstruction
  | AddInstruction
  | CopyInstruction
  | VolumeInstruction
  | UserInstruction
  | WorkdirInstruction
  | ArgInstruction
  | OnbuildInstruction
  | StopsignalInstruction
  | HealthcheckInstruction
  | ShellInstruction
  | MaintainerInstruction;

export type InstructionKind = Instruction['kind'];

/** A FROM and the instructions up to the next FROM. */
export interface Stage {
  /** The `AS` name, lower-cased. */
  name?: string;
  from: FromInstruction;
  instructions: Exclude<Instruction, FromInstruction>[];
}

export interface ParseWarning {
  line: number;
  message: string;
}

export interface Dockerfile {
  escape: EscapeChar;
  /** The `# syntax=` directive, as written. */
  syntax?: string;
  /** The `# check=` directive, as written (cais runs no linter). */
  check?: string;
  /** The ARGs before the first FROM, in scope for FROM lines only. */
  metaArgs: ArgInstruction[];
  stages: Stage[];
  /** What BuildKit warns about while parsing (empty continuation lines). */
  warnings: ParseWarning[];
}
