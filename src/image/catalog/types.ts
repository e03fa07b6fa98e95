// The shape of the embedded catalog (contexts.generated.ts, written by `npm run catalog` from
// catalog/): each stand-in image's build context and what a registry would say about it.

/** A file of a build context; its text is CatalogData.blobs[blob] (shared texts stored once). */
export interface CatalogFile {
  path: string;
  mode: number;
  blob: number;
}

/** What the registry holds for the real image (docker-library/repo-info, pinned commit). */
export interface CatalogRegistry {
  /** The tag's manifest-list digest, as `docker pull` prints it (`Digest: sha256:...`). */
  digest: string;
  /** The linux/amd64 manifest's layer digests, bottom first. */
  layers: string[];
  /** What a normal install shows of the real image (catalog/README.md, `registry.image`). */
  image?: CatalogRealImage;
}

/**
 * The real linux/amd64 image of the tag, from docker-library/repo-info at the pinned commit:
 * `id` its Image ID (config digest) and `created` the date of its last history step, to the
 * second (repos/<name>/remote/<tag>.md); from repos/<name>/local/<tag>.md only when it names the
 * same Image ID: `created` to the nanosecond and `size`, its "Virtual Size" (`451.13 Mb`).
 */
export interface CatalogRealImage {
  id: string;
  created: string;
  size?: string;
  /** The size to the byte, where the image's files are known otherwise (catalog/README.md `sizeBytes`). */
  sizeBytes?: number;
}

export interface CatalogEntry {
  repository: string;
  tag: string;
  /** The context directory under catalog/ (`postgres/16`). */
  context: string;
  files: CatalogFile[];
  registry: CatalogRegistry;
}

export interface CatalogData {
  blobs: string[];
  images: CatalogEntry[];
}
