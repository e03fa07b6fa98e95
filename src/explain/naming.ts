// How explanations call containers, volumes, images and host paths: the way the transcript
// shows them, so that a student finds them above the note (issue 11, item 7). A scenario's
// transcript shows IDs as placeholders numbered by first appearance (`<id2>`,
// docs/scenario-format.md section 3), a page with ids=docker as Docker prints them (a short
// 12-hex container or image ID, a volume's full name). An ID the transcript never prints gets
// no spelling of its own: the note describes the object instead (the container of command 10).

import { generatedName } from '../container/create.ts';
import type { EngineState } from '../engine/state.ts';
import { isWithin } from '../fs/path.ts';
import type { ContainerRef, ImageRef, VolumeRef } from './schema.ts';

const HEX64 = /^[0-9a-f]{64}$/;

export interface NamingSource {
  ids: 'placeholders' | 'docker';
  placeholders: ReadonlyMap<string, string>;
  printed: string;
  pwd: string;
}

export class Namer {
  /** The command that created each container and anonymous volume (for the unprinted ones). */
  private readonly createdBy = new Map<string, number>();

  constructor(private readonly src: NamingSource) {}

  /** Remember the command that created a container or volume (the first call wins). */
  created(id: string, step: number): void {
    if (!this.createdBy.has(id)) this.createdBy.set(id, step);
  }

  /**
   * How the transcript spells a 64-hex ID, or null when it never prints it. On a page with
   * ids=docker: the full ID when `full` (a volume's name: Docker never shortens it, and only
   * the full name finds the volume again), else the 12-hex short ID.
   */
  spelling(hex: string, full: boolean): string | null {
    if (this.src.ids === 'placeholders') return this.src.placeholders.get(hex) ?? null;
    const short = hex.slice(0, 12);
    if (!new RegExp(`(?<![0-9a-f])${short}`).test(this.src.printed)) return null;
    return full ? hex : short;
  }

  container(id: string, name: string): ContainerRef {
    if (name !== generatedName(id)) return { id, name, shown: name, label: `container ${name}` };
    const shown = this.spelling(id, false);
    if (shown !== null) return { id, name, shown, label: `container ${shown}` };
    const step = this.createdBy.get(id);
    return { id, name, shown: null, label: step !== undefined ? `the container of command ${step}` : 'a container whose ID is not printed' };
  }

  volume(name: string): VolumeRef {
    if (!HEX64.test(name)) return { name, anonymous: false, shown: name, label: `volume ${name}` };
    const shown = this.spelling(name, true);
    if (shown !== null) return { name, anonymous: true, shown, label: `anonymous volume ${shown}` };
    const step = this.createdBy.get(name);
    return {
      name,
      anonymous: true,
      shown: null,
      label: step !== undefined ? `the anonymous volume made by command ${step}` : 'an anonymous volume whose ID is not printed',
    };
  }

  image(id: string, st: EngineState): ImageRef {
    const tag = Object.keys(st.tags).find((t) => st.tags[t] === id);
    if (tag !== undefined) {
      const shown = tag.endsWith(':latest') ? tag.slice(0, -':latest'.length) : tag;
      return { id, shown, label: `image ${shown}` };
    }
    const shown = this.spelling(id, false);
    return { id, shown, label: shown !== null ? `image ${shown}` : 'an untagged image' };
  }

  /** A host path as the transcript writes it: the working directory is `$PWD`. */
  host(path: string): { path: string; shown: string } {
    const pwd = this.src.pwd;
    return { path, shown: isWithin(path, pwd) ? '$PWD' + path.slice(pwd.length) : path };
  }
}
