// Docker Engine API bodies for volumes (v1.50 swagger: Volume,
// VolumeCreateOptions, VolumeListResponse, the prune response). The create
// body is validated by spec/docker-validate.

/** What /system/df adds to a local volume: its size and how many containers use it (-1 when unknown). */
export interface VolumeUsageData {
  Size: number;
  RefCount: number;
}

export interface Volume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  /** RFC 3339 in the daemon's time zone, seconds precision, as Go's time.RFC3339 prints it. */
  CreatedAt: string;
  Labels: Record<string, string>;
  Scope: 'local' | 'global';
  /** The driver options it was created with. */
  Options: Record<string, string>;
  UsageData?: VolumeUsageData | null;
}

export interface VolumeCreateOptions {
  /** Empty for an anonymous volume (a random 64-hex name). */
  Name: string;
  /** Empty means 'local'. */
  Driver: string;
  DriverOpts: Record<string, string>;
  Labels: Record<string, string>;
}

export interface VolumeListResponse {
  Volumes: Volume[];
  Warnings: string[];
}

export interface VolumePruneResponse {
  VolumesDeleted: string[];
  SpaceReclaimed: number;
}
