// The volumes folder's table (migration owner 'volumes'). A row exists only
// while its directory does: see VolumeService for the order of operations.
export const migrationOwner = 'volumes';

export const migrations: readonly string[] = [
  `
  CREATE TABLE volumes (
    name TEXT PRIMARY KEY,                -- [a-zA-Z0-9][a-zA-Z0-9_.-]+, also its directory's name
    driver TEXT NOT NULL,                 -- always 'local' for now
    created INTEGER NOT NULL,             -- ms since the epoch
    labels TEXT NOT NULL,                 -- JSON object
    options TEXT NOT NULL                 -- JSON object: the driver options (type, device, o)
  ) STRICT;
  `,
];
