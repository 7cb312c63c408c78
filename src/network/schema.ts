// The network folder's tables (migration owner 'networks'): the networks,
// and for each container whose network is set up, its sandbox (namespace
// and published ports) and one endpoint per network it joined. A sandbox
// row is written before netavark runs, so a daemon that dies mid-setup
// finds it at start and tears it down.
export const migrationOwner = 'networks';

export const migrations: readonly string[] = [
  `
  CREATE TABLE networks (
    id TEXT PRIMARY KEY,                  -- 64 hex digits
    name TEXT NOT NULL UNIQUE,
    driver TEXT NOT NULL,                 -- bridge, host, null
    created INTEGER NOT NULL,             -- ms since the epoch
    bridge TEXT NOT NULL,                 -- the bridge interface; '' for host and null
    subnet TEXT NOT NULL,                 -- CIDR; '' for host and null
    gateway TEXT NOT NULL,
    ip_range TEXT NOT NULL,               -- CIDR addresses are given from; '' for the whole subnet
    internal INTEGER NOT NULL,
    attachable INTEGER NOT NULL,
    dns INTEGER NOT NULL,                 -- containers find each other by name (user-defined bridges)
    labels TEXT NOT NULL,                 -- JSON
    options TEXT NOT NULL                 -- JSON, the driver options as given
  ) STRICT;

  CREATE TABLE sandboxes (
    container_id TEXT PRIMARY KEY,
    netns TEXT NOT NULL,                  -- the namespace file
    ports TEXT NOT NULL                   -- JSON PublishedPort[], host ports as chosen
  ) STRICT;

  CREATE TABLE endpoints (
    container_id TEXT NOT NULL REFERENCES sandboxes (container_id) ON DELETE CASCADE,
    network_id TEXT NOT NULL REFERENCES networks (id),
    endpoint_id TEXT NOT NULL,
    interface TEXT NOT NULL,              -- eth0, eth1... in the container
    ip TEXT NOT NULL,
    mac TEXT NOT NULL,                    -- '' until netavark reports it
    aliases TEXT NOT NULL,                -- JSON, the names it answers to on this network
    PRIMARY KEY (container_id, network_id)
  ) STRICT;
  CREATE INDEX endpoints_network ON endpoints (network_id);
  `,
];
