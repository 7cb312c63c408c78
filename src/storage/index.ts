// Storage: the metadata database (SQLite), the content store (blobs by
// digest), the layer store (unpacked layers, overlayfs), and paths and
// users resolved inside a mounted root filesystem.
export { Database } from './metadata/database.js';
export { ContentStore, type BlobInfo, type IngestExpectation } from './content/content-store.js';
export { detectCompression, decompress, type Compression } from './layers/decompress.js';
export { LayerStore, type LayerInfo, type UnpackedLayer } from './layers/layer-store.js';
export { extractArchive, maxLayerBytes } from './layers/unpack.js';
export type { CopyOptions } from './layers/layer-writer.js';
export { tarEntries, tarTree, treeEntries, type TarSource, type TarTreeOptions } from './layers/tar-writer.js';
export { resolveInRoot } from './rootfs/in-root.js';
export { resolveUser, type ExecUser } from './rootfs/user.js';
