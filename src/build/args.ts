// Build arguments as Docker scopes them: the ARGs before the first FROM
// (with the platform ARGs BuildKit predefines) are visible to FROM lines
// only, and to a stage that declares them again with a bare `ARG name`;
// `--build-arg` values win over defaults; the proxy variables are passed to
// RUN without a declaration and kept out of the history and the cache key.
import { hostPlatform } from '../images/index.js';
import { expandWord, type ArgInstruction, type EscapeChar } from '../spec/dockerfile/index.js';

/** Docker's builtinAllowedBuildArgs. */
export const proxyArgs: ReadonlySet<string> = new Set([
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
]);

/** The values of `--build-arg` that were given one. */
export function givenArgs(buildArgs: ReadonlyMap<string, string | null>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of buildArgs) if (v !== null) out.set(k, v);
  return out;
}

function platformString(p: { os: string; architecture: string; variant?: string }): string {
  return [p.os, p.architecture, ...(p.variant ? [p.variant] : [])].join('/');
}

/** BuildKit's defaultArgs: the build and target platforms (both the host's here) and the target stage. */
function predefinedArgs(target: string): Map<string, string> {
  const p = hostPlatform();
  const values: [string, string][] = [];
  for (const prefix of ['BUILD', 'TARGET']) {
    values.push([`${prefix}PLATFORM`, platformString(p)], [`${prefix}OS`, p.os], [`${prefix}ARCH`, p.architecture], [`${prefix}VARIANT`, p.variant ?? '']);
  }
  values.push(['TARGETSTAGE', target]);
  return new Map(values);
}

/**
 * The global scope: the predefined args, then each ARG before the first
 * FROM (its default expanded with what came before, unless a build arg
 * gives its value). Returns the scope and the names the ARGs declared.
 */
export function globalArgs(metaArgs: readonly ArgInstruction[], given: ReadonlyMap<string, string>, target: string, escape: EscapeChar): { scope: Map<string, string>; declared: Set<string> } {
  const scope = predefinedArgs(target);
  const declared = new Set<string>();
  for (const instruction of metaArgs) {
    for (const arg of instruction.args) {
      declared.add(arg.name);
      const value = given.get(arg.name) ?? (arg.value === undefined ? undefined : expandWord(arg.value, scope, escape));
      if (value !== undefined) scope.set(arg.name, value);
    }
  }
  return { scope, declared };
}
