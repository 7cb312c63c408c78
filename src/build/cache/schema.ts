// The build cache's tables (migration owner 'build-cache'). A record is one
// step's result: the image config after it and the layers it stands on,
// which point at the storage folder's `layers` rows, so a layer cannot be
// removed while a record keeps it.
export const migrationOwner = 'build-cache';

export const migrations: readonly string[] = [
  `
  CREATE TABLE build_cache (
    id TEXT PRIMARY KEY,                  -- hex of the step's cache key
    parent TEXT,                          -- the record it was built on (none for a stage's base)
    description TEXT NOT NULL,            -- the step as BuildKit names it: "[2/5] RUN make"
    config TEXT NOT NULL,                 -- the image config (JSON) after the step
    created_at INTEGER NOT NULL,          -- ms since the epoch
    last_used_at INTEGER NOT NULL,
    usage_count INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE build_cache_layers (
    record_id TEXT NOT NULL REFERENCES build_cache (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,            -- 0 = bottom
    chain_id TEXT NOT NULL REFERENCES layers (chain_id),
    diff_id TEXT NOT NULL,
    blob_digest TEXT NOT NULL,
    blob_media_type TEXT NOT NULL,
    blob_size INTEGER NOT NULL,
    PRIMARY KEY (record_id, position)
  ) STRICT;
  CREATE INDEX build_cache_layers_chain ON build_cache_layers (chain_id);
  `,
];
