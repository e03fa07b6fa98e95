// Image references: `name[:tag]` (tag defaults to latest), a full or short image ID, or
// `sha256:<id>`.

import type { EngineState, Image } from '../engine/state.ts';

export function normalizeRef(ref: string): string {
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  return colon >= 0 ? ref : `${ref}:latest`;
}

export function findImage(st: EngineState, ref: string): Image | undefined {
  const tagged = st.tags[normalizeRef(ref)];
  if (tagged) return st.images[tagged];
  const hex = ref.startsWith('sha256:') ? ref.slice(7) : ref;
  if (/^[0-9a-f]{4,64}$/.test(hex)) {
    const matches = Object.keys(st.images).filter((id) => id.startsWith(hex));
    if (matches.length === 1) return st.images[matches[0]];
  }
  return undefined;
}

/** Tags pointing at an image, sorted. */
export function tagsOf(st: EngineState, id: string): string[] {
  return Object.entries(st.tags)
    .filter(([, v]) => v === id)
    .map(([k]) => k)
    .sort();
}

export function imageSize(st: EngineState, image: Image): number {
  return image.layers.reduce((sum, l) => sum + st.layers[l].size, 0);
}

/** Images that are the parent of another image (legacy intermediates). */
export function isIntermediate(st: EngineState, id: string): boolean {
  return tagsOf(st, id).length === 0 && Object.values(st.images).some((i) => i.parent === id);
}
