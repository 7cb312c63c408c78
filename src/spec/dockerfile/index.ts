// Dockerfiles as BuildKit's frontend reads them: parser directives, line
// continuations, heredocs, exec and shell forms, every instruction with its
// flags and Docker's checks and messages, build stages; and the variable
// substitution the builder applies at build time. Pure: no I/O.
export { parseDockerfile, parseInstructions } from './parse.js';
export { DockerfileParseError } from './errors.js';
export { expandHeredoc, expandWord, expandWords, type Env } from './expand.js';
export { EXPANDED_FIELDS } from './expansion.js';
export { goQuote } from './text.js';
export { parseMount, type MountSharing, type MountType, type RunMount } from './mounts.js';
export type * from './types.js';
