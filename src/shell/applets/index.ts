// Registry of the shell's applets. Busybox words inside containers, GNU words on the host.
// (Filled in by the applets work; this stub keeps the interpreter compiling meanwhile.)

import type { Applet, Flavor } from '../types.ts';

const registry: Record<string, Applet> = {};

export function getApplet(name: string, _flavor: Flavor): Applet | undefined {
  return Object.prototype.hasOwnProperty.call(registry, name) ? registry[name] : undefined;
}

/** Names of every simulated applet (for docs and refusals). */
export function appletNames(): string[] {
  return Object.keys(registry).sort();
}
