// What a normal install shows of a pulled catalog image: the real image's Image ID, Created and
// size (catalog/README.md, `registry.image`, from docker-library/repo-info), not its stand-in's.
// The stand-in's layers stay what containers run on; what strata does not know of the real image
// (its size when repo-info's local file is of another build, Created's nanoseconds, its layers'
// diff IDs and on-disk sizes, its build steps) is never printed as if it were the real image's:
// the commands that would print it run twice with those facts set two ways (`withAlternative`),
// and an output that differs is refused by name (`sureOutput`). `--busybox-stand-ins` (the
// oracle's recordings) keeps the stand-ins' own metadata: there the recorder built them.

import type { EngineState, Image } from '../engine/state.ts';
import type { CatalogEntry } from './catalog/types.ts';
import { tablePeek, tablePeekValues } from '../engine/table.ts';
import { NotSimulated } from '../engine/not-simulated.ts';

/** What strata knows of one real image (undefined: not known). */
export interface RealFacts {
  /** The familiar reference of the catalog tag (`postgres:16`). */
  ref: string;
  /** The Image ID, 64 hex. */
  id?: string;
  /** Created, in seconds. */
  created?: number;
  /** Created as RFC 3339 to the nanosecond, when repo-info's local file gives it for this image. */
  createdNano?: string;
  /** The size on disk in bytes, at least and at most (repo-info's Virtual Size is rounded). */
  size?: readonly [number, number];
  /** How many layers the real image has (its registry layers). */
  layerCount?: number;
  /** The digest of its first registry layer (linux/amd64), where the layers it shares begin. */
  firstLayer?: string;
}

/** The facts a catalog entry's registry data gives (catalog/README.md `registry.image`). */
export function realFacts(entry: CatalogEntry): RealFacts {
  const ref = `${entry.repository}:${entry.tag}`;
  const im = entry.registry.image;
  const layerCount = entry.registry.layers.length;
  const firstLayer = entry.registry.layers[0];
  if (im === undefined) return { ref, layerCount, firstLayer };
  const nano = /\.\d+Z$/.test(im.created);
  return {
    ref,
    layerCount,
    firstLayer,
    id: im.id.slice('sha256:'.length),
    created: Math.floor(Date.parse(im.created) / 1000),
    ...(nano ? { createdNano: im.created } : {}),
    ...(im.size !== undefined ? { size: sizeBounds(im.size) } : im.sizeBytes !== undefined ? { size: [im.sizeBytes, im.sizeBytes] as const } : {}),
  };
}

/**
 * The bytes repo-info's "Virtual Size: ~ 451.31 Mb" can stand for. repo-info's scan-local.sh
 * writes the image's `docker image inspect` Size in units of 1000 (Kb 10^3, Mb 10^6, Gb 10^9
 * bytes), to two decimals: `printf "~ %.2f Mb"` in awk until 2023 (docker-library/repo-info@72e4be79
 * scan-local.sh), then jq's `. * 100 | round / 100` (the same script as mirrored in
 * maxmood96/repo-info@4cd6fd3e), which drops trailing zeros ("294.3 Mb"). Either way the figure is
 * the size rounded to the nearest hundredth of its unit: the bytes from half a hundredth below to
 * half a hundredth above (both ends kept, whichever way a tie or a float goes).
 */
export function sizeBounds(text: string): [number, number] {
  const m = /^(\d+(?:\.\d{1,2})?) ([KMG])b$/.exec(text);
  if (!m) throw new Error(`not a repo-info Virtual Size: ${text}`);
  // one hundredth of the unit, in bytes
  const step = m[2] === 'G' ? 10 ** 7 : m[2] === 'M' ? 10 ** 4 : 10;
  const hundredths = Math.round(Number(m[1]) * 100);
  return [hundredths * step - step / 2, hundredths * step + step / 2];
}

/** Register a real image's layers: the stand-in's top layer stands for all of the real image's. */
export function registerReal(st: EngineState, topLayer: string, facts: RealFacts): void {
  if (st.busyboxStandIns === true) return;
  st.realImages = { ...(st.realImages ?? {}), [topLayer]: facts };
}

/**
 * The real image an image's layers hold (itself when pulled, its base when built on one): the
 * highest of its layers that is a real image's top, and where it is.
 */
export function realBase(st: EngineState, image: Image): { facts: RealFacts; index: number } | undefined {
  const real = st.realImages;
  if (real === undefined) return undefined;
  for (let i = image.layers.length - 1; i >= 0; i--) {
    const facts = real[image.layers[i]];
    if (facts !== undefined) return { facts, index: i };
  }
  return undefined;
}

/** Whether any image the daemon lists holds a real image's layers. */
export function holdsRealImages(st: EngineState): RealFacts[] {
  if (st.realImages === undefined) return [];
  const out = new Map<string, RealFacts>();
  for (const im of tablePeekValues(st.images)) {
    const r = realBase(st, im);
    if (r) out.set(r.facts.ref, r.facts);
  }
  return [...out.values()];
}

export type Unknown = 'id' | 'created' | 'size' | 'layers';

/** What each unknown is, in a refusal. */
const WORDS: Record<Unknown, string> = {
  id: 'Image ID',
  created: 'Created to the nanosecond',
  size: 'size on disk',
  layers: 'layers and build steps',
};

let alternative: { what: Unknown; ref: string } | undefined;

/** The unknown facts `alt` was asked about during a first render of sureOutput (`what ref`). */
let asked: Set<string> | undefined;

/** Whether the views should show the other of the two values of a real image's unknown fact (sureOutput). */
export function alt(what: Unknown, facts: RealFacts | undefined): boolean {
  if (facts === undefined) return false;
  asked?.add(`${what} ${facts.ref}`);
  return alternative !== undefined && alternative.what === what && alternative.ref === facts.ref;
}

/**
 * The size of an image as two bounds: exact (both the same) for an image of strata's own layers,
 * the real image's bounds plus the layers above it for one that holds a real image, and
 * undefined where the real image's size is not known.
 */
export function imageSizeBounds(st: EngineState, image: Image): readonly [number, number] | undefined {
  const sum = (ls: readonly string[]) => ls.reduce((n, l) => n + tablePeek(st.layers, l)!.size, 0);
  const base = realBase(st, image);
  if (base === undefined) {
    const s = sum(image.layers);
    return [s, s];
  }
  if (base.facts.size === undefined) return undefined;
  const above = sum(image.layers.slice(base.index + 1));
  return [base.facts.size[0] + above, base.facts.size[1] + above];
}

/** The size a view shows: one bound, or the other under `alt('size')`; 0 or 1 PB when not known. */
export function shownSize(st: EngineState, image: Image): number {
  const b = imageSizeBounds(st, image);
  const other = alt('size', realBase(st, image)?.facts);
  if (b === undefined) return other ? 1e15 : 0;
  return other ? b[1] : b[0];
}

/**
 * Run `render` (a read-only command's output) with every unknown fact of the real images held
 * set one way, then each the other way: when they all print the same, that is what a normal
 * install prints (the unknowns do not show); otherwise the output depends on what strata does
 * not know, and it is refused, naming it.
 *
 * A fact the first render never asked `alt` about is not run the other way: the views read the
 * unknowns only through `alt`, so a render under that fact's other value would ask the same
 * questions, get the same answers and print the same (a `docker inspect` of a container holds no
 * image fact strata lacks, and ran once per unknown of every real image held, ~3 % of page 002's
 * instructions).
 */
export function sureOutput<T>(st: EngineState, render: () => T, same: (a: T, b: T) => boolean, command: string): T {
  const held = holdsRealImages(st);
  if (held.length === 0) return render();
  const outer = asked;
  const mine = new Set<string>();
  asked = mine;
  let base: T;
  try {
    base = render();
  } finally {
    // (a sureOutput inside another's first render: what it asked, the outer one asked too)
    asked = outer;
    for (const a of mine) outer?.add(a);
  }
  const shown = new Map<string, Unknown[]>();
  for (const facts of held) {
    // only what is not known takes another value (a known fact shows the same both ways), and
    // only what the first render asked about can print otherwise
    const unknown = (['id', 'created', 'size', 'layers'] as const).filter((w) => (w === 'id' ? facts.id === undefined : w === 'created' ? facts.createdNano === undefined : true) && mine.has(`${w} ${facts.ref}`));
    for (const what of unknown) {
      alternative = { what, ref: facts.ref };
      try {
        if (!same(base, render())) shown.set(facts.ref, [...(shown.get(facts.ref) ?? []), what]);
      } finally {
        alternative = undefined;
      }
    }
  }
  if (shown.size === 0) return base;
  const parts = [...shown].map(([ref, whats]) => `the real ${ref}'s ${whats.map((w) => WORDS[w]).join(', ')}`);
  throw new NotSimulated(
    `strata does not simulate what \`${command}\` prints here: ${parts.join('; ')} (strata knows the Image ID and Created of a catalog image, and its size when docker-library/repo-info gives it: catalog/README.md)`,
  );
}

/** The real image an image is (not one built on it): its facts. */
function ownFacts(st: EngineState, image: Image): RealFacts | undefined {
  const b = realBase(st, image);
  return b !== undefined && b.index === image.layers.length - 1 && image.parent === '' ? b.facts : undefined;
}

/** The 64-hex ID a view shows: another one under `alt('id')` when the real image's is not known. */
export function shownId(st: EngineState, image: Image): string {
  const f = ownFacts(st, image);
  if (f === undefined || f.id !== undefined || !alt('id', f)) return image.id;
  return [...image.id].map((c) => (c === '0' ? '1' : '0')).join('');
}

/** Created in seconds as a view shows it: moved by a year under `alt('created')` when not known. */
export function shownCreated(st: EngineState, image: Image): number {
  const f = ownFacts(st, image);
  return f !== undefined && f.created === undefined && alt('created', f) ? image.created + 365 * 24 * 3600 : image.created;
}

/**
 * Created as `docker image inspect` shows it (RFC 3339 to the nanosecond): the real image's when
 * repo-info's local file gives it; when only the second is known, the second's first and last
 * nanosecond (`alt('created')`), so that a template showing it is refused.
 */
export function shownCreatedNano(st: EngineState, image: Image, fallback: (seconds: number) => string): string {
  const f = ownFacts(st, image);
  if (f === undefined) return fallback(image.created);
  if (f.createdNano !== undefined) return f.createdNano;
  const text = fallback(shownCreated(st, image));
  return alt('created', f) ? text.replace(/(\.\d+)?Z$/, '.999999999Z') : text;
}

/** Whether an image holds a real image's layers (its layers and history are then not known). */
export function holdsReal(st: EngineState, image: Image): RealFacts | undefined {
  return realBase(st, image)?.facts;
}
