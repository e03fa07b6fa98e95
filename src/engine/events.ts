// Events: what happened to data, emitted by every reducer. The data-loss explanations (where a
// file lived, what destroyed or orphaned it) are built from these.

export type EngineEvent =
  | { type: 'container-created'; container: string; name: string }
  | { type: 'container-started'; container: string }
  | { type: 'container-stopped'; container: string; exitCode: number; tmpfsDiscarded: string[] }
  | { type: 'container-removed'; container: string; name: string; writableLayerBytes: number }
  | { type: 'volume-created'; volume: string; anonymous: boolean }
  | { type: 'volume-populated'; volume: string; from: string; container: string }
  | { type: 'volume-removed'; volume: string; bytes: number }
  | { type: 'volume-orphaned'; volume: string; container: string }
  | { type: 'image-built'; image: string; tag?: string }
  | { type: 'image-removed'; image: string };
