// Docker Engine API bodies for images (v1.50 swagger: ImageSummary,
// ImageInspect, ImageHistoryResponseItem, ImageDeleteResponseItem,
// ImagePruneResponse). Field names are the wire names.
import type { ContainerConfig, Descriptor } from '../oci/index.js';

export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[];
  RepoDigests: string[];
  /** Unix seconds. */
  Created: number;
  Size: number;
  /** -1 when not computed, as Docker sends. */
  SharedSize: number;
  Labels: Record<string, string>;
  /** -1 when not computed. */
  Containers: number;
  /** Docker also sends the deprecated VirtualSize (= Size) for API < 1.44. */
  VirtualSize?: number;
  Descriptor?: Descriptor;
}

export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  /** RFC 3339 with nanoseconds. */
  Created: string;
  DockerVersion: string;
  Author: string;
  Config: ContainerConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  OsVersion?: string;
  Size: number;
  GraphDriver: { Name: string; Data: Record<string, string> };
  RootFS: { Type: string; Layers: string[] };
  Metadata: { LastTagTime?: string };
  Descriptor?: Descriptor;
}

export interface ImageHistoryItem {
  /** The image id for the top entry of each image in the chain, else "<missing>". */
  Id: string;
  /** Unix seconds. */
  Created: number;
  CreatedBy: string;
  Tags: string[];
  Size: number;
  Comment: string;
}

export interface ImageDeleteItem {
  Untagged?: string;
  Deleted?: string;
}

export interface ImagePruneResponse {
  ImagesDeleted: ImageDeleteItem[] | null;
  SpaceReclaimed: number;
}

/** Docker's `filters` query parameter, decoded: filter name -> accepted values. */
export type Filters = Record<string, string[]>;
