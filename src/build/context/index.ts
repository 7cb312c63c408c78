// The build context the daemon receives: .dockerignore, the directory it
// extracts the tar of POST /build to, and the content digests of COPY
// sources for the build cache. What the CLI sends is in build/client.
export { parseDockerignore } from './ignore-file.js';
export { IgnoreMatcher, keepBuildFiles, type MatchInfo } from './ignore-matcher.js';
export { ContextSessions, checkSyncRequest } from './sessions.js';
export { contextFromTar, type BuildContext, type TarContextOptions } from './from-tar.js';
export { resolveInContext } from './in-context.js';
export { expandSources } from './sources.js';
export { sourcesDigest } from './checksum.js';
export { SourceDigestMemo } from './digest-memo.js';
export type { SourcesDigest } from './context-worker-protocol.js';
