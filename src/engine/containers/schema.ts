// The containers folder's tables (migration owner 'containers'), as podman's
// sqlite state keeps them: the immutable settings (JSON) apart from the
// state that changes as the container runs, so a state update never
// rewrites the settings.
export const migrationOwner = 'containers';

export const migrations: readonly string[] = [
  `
  CREATE TABLE containers (
    id TEXT PRIMARY KEY,                  -- 64 hex digits
    name TEXT NOT NULL UNIQUE,            -- Docker's form: "/name"
    image_id TEXT NOT NULL,               -- sha256:..., the image it was created from
    created INTEGER NOT NULL,             -- ms since the epoch
    settings TEXT NOT NULL                -- JSON StoredSettings: Config, HostConfig, Path, Args, layer chain
  ) STRICT;
  CREATE INDEX containers_image ON containers (image_id);

  CREATE TABLE container_state (
    id TEXT PRIMARY KEY REFERENCES containers (id) ON DELETE CASCADE,
    status TEXT NOT NULL,                 -- created, running, paused, restarting, removing, exited, dead
    pid INTEGER NOT NULL DEFAULT 0,
    exit_code INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    oom_killed INTEGER NOT NULL DEFAULT 0,
    started_at INTEGER,                   -- ms; NULL until first started
    finished_at INTEGER,                  -- ms; NULL until first exited
    restart_count INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  `,
  // Set by stop/kill from a user, cleared by start: `unless-stopped` containers stay down after a daemon restart.
  'ALTER TABLE container_state ADD COLUMN manually_stopped INTEGER NOT NULL DEFAULT 0;',
  // A container's Health (JSON), NULL until it first starts with a healthcheck.
  'ALTER TABLE container_state ADD COLUMN health TEXT;',
];
