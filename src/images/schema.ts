// The images folder's tables (migration owner 'images'). Rows point at the
// storage folder's `layers` table, so an image can never name a layer that
// is not there, and a layer cannot be removed while an image uses it.
export const migrationOwner = 'images';

export const migrations: readonly string[] = [
  `
  CREATE TABLE images (
    id TEXT PRIMARY KEY,                  -- config digest
    manifest_digest TEXT NOT NULL,
    manifest_media_type TEXT NOT NULL,
    manifest_size INTEGER NOT NULL,
    config_size INTEGER NOT NULL,
    top_layer TEXT REFERENCES layers (chain_id),
    parent TEXT REFERENCES images (id),
    created INTEGER,                      -- config.created, ms since the epoch
    size INTEGER NOT NULL,                -- sum of the layers' sizes
    stored_at INTEGER NOT NULL,
    last_tag_time INTEGER                 -- ms; Docker's Metadata.LastTagTime
  ) STRICT;
  CREATE INDEX images_parent ON images (parent);

  CREATE TABLE image_layers (
    image_id TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,            -- 0 = bottom
    chain_id TEXT NOT NULL REFERENCES layers (chain_id),
    blob_digest TEXT NOT NULL,            -- the layer blob as stored (maybe compressed)
    blob_media_type TEXT NOT NULL,
    blob_size INTEGER NOT NULL,
    PRIMARY KEY (image_id, position)
  ) STRICT;
  CREATE INDEX image_layers_chain ON image_layers (chain_id);
  CREATE INDEX image_layers_blob ON image_layers (blob_digest);

  -- full normalised references: docker.io/library/busybox:latest
  CREATE TABLE tags (
    name TEXT PRIMARY KEY,
    image_id TEXT NOT NULL REFERENCES images (id),
    tagged_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX tags_image ON tags (image_id);

  -- docker.io/library/busybox@sha256:...
  CREATE TABLE repo_digests (
    name TEXT PRIMARY KEY,
    image_id TEXT NOT NULL REFERENCES images (id),
    added_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX repo_digests_image ON repo_digests (image_id);
  `,
];
