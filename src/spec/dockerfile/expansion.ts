// Where Docker substitutes variables: the fields of each instruction that
// the builder runs through expandWord (with the Dockerfile's escape) before
// using them, as BuildKit's dispatcher does. Fields not listed are used as
// written: RUN's command, CMD, ENTRYPOINT, SHELL and HEALTHCHECK go to a
// shell or an exec as they are.
import type { Instruction, InstructionKind } from './types.js';

type ExpandedFields = { readonly [K in InstructionKind]: readonly (keyof Extract<Instruction, { kind: K }>)[] };

export const EXPANDED_FIELDS = {
  // With the global ARGs (those before the first FROM) only.
  FROM: ['image', 'platform'],
  // Each option's value, through parseMount(spec, expand).
  RUN: ['mounts'],
  CMD: [],
  ENTRYPOINT: [],
  // Keys and values.
  LABEL: ['labels'],
  ENV: ['env'],
  // With expandWords: one word may give several ports.
  EXPOSE: ['ports'],
  // Heredoc bodies with expandHeredoc, when `expand` is set. Not `exclude`.
  ADD: ['sources', 'dest', 'chown', 'chmod', 'checksum', 'heredocs'],
  // Not `from`: Docker refuses variables there ("variable expansion is not
  // supported for --from, define a new stage with FROM using ARG from global
  // scope as a workaround").
  COPY: ['sources', 'dest', 'chown', 'chmod', 'heredocs'],
  VOLUME: ['volumes'],
  USER: ['user'],
  WORKDIR: ['path'],
  // The default values, not the names, and only when no build arg is given.
  ARG: ['args'],
  ONBUILD: [],
  STOPSIGNAL: ['signal'],
  HEALTHCHECK: [],
  SHELL: [],
  MAINTAINER: [],
} as const satisfies ExpandedFields;
