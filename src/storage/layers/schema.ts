// Migrations of the 'layers' table (see Database.migrate): append steps,
// never edit one that has shipped.
export const layerMigrations: readonly string[] = [
  `CREATE TABLE layers (
    chain_id TEXT PRIMARY KEY,
    diff_id TEXT NOT NULL,
    parent TEXT REFERENCES layers (chain_id),
    size INTEGER NOT NULL,
    tar_size INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX layers_parent ON layers (parent);`,
];
