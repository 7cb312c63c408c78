// Volumes: the local driver's named and anonymous volumes (SQLite rows,
// data under <data-root>/volumes), their use by containers, prune and df.
export { VolumeService, anonymousLabel, type VolumeServiceOptions, type VolumeUsers } from './service.js';
