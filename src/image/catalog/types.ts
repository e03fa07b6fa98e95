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
