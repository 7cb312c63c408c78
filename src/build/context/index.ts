// The build context: .dockerignore, the tar `cais build PATH` sends, the
// directory the daemon extracts it to, and the content digests of COPY
// sources for the build cache.
export { parseDockerignore } from './ignore-file.js';
export { IgnoreMatcher, keepBuildFiles, type MatchInfo } from './ignore-matcher.js';
export { tarContextDirectory, type DirectoryContextOptions } from '../client/from-directory.js';
export { contextFromTar, type BuildContext, type TarContextOptions } from './from-tar.js';
export { resolveInContext } from './in-context.js';
export { expandSources } from './sources.js';
export { sourcesDigest } from './checksum.js';
export type { SourcesDigest } from './context-worker-protocol.js';
