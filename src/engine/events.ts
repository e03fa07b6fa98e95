// Events: what happened to data, emitted by every reducer. They name containers by name too,
// because an explanation is read after the fact, when a container may already be gone.
// explain.ts turns them into sentences for students (`strata replay --explain`).

export type EngineEvent =
  | { type: 'container-created'; container: string; name: string }
  | { type: 'container-started'; container: string; name: string }
  | { type: 'container-stopped'; container: string; name: string; exitCode: number; tmpfsDiscarded: string[] }
  | { type: 'container-removed'; container: string; name: string; writableLayerBytes: number }
  | { type: 'volume-created'; volume: string; anonymous: boolean }
  | { type: 'volume-populated'; volume: string; from: string; container: string; name: string }
  | { type: 'volume-removed'; volume: string; bytes: number }
  | { type: 'volume-orphaned'; volume: string; container: string; name: string }
  | { type: 'image-built'; image: string; tag?: string }
  | { type: 'image-removed'; image: string }
  | { type: 'image-pulled'; image: string; ref: string }
  /** A pull of an image the catalog of stand-ins does not hold (src/image/catalog). */
  | { type: 'image-not-in-catalog'; ref: string };
