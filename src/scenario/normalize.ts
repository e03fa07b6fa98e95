// Output normalization: what makes a transcript comparable across runs and machines.
//
// A line-for-line port of shared/oracle/record.mjs (`makeNormalizer` and the known-ID bookkeeping of
// `recordFile`), so the simulator's outputs are normalized exactly like the recorded ones. Steps, in
// order, over the whole transcript (one numbering for all commands' outputs):
//   1. the working directory → `$PWD`  2. data root → /var/lib/docker, exec root → /var/run/docker
//   3. timestamps → `<time>`  4. IDs → `<idN>` / `<imgN>` / `<idN:12>` / `<imgN:12>`.
// Normative description: docs/scenario-format.md ("Normalization").

import { DATA_ROOT } from '../engine/data-root.ts';

export interface NormalizeContext {
  /** The working directory the commands ran in (replaced by `$PWD`); '' for none. */
  pwd: string;
  /** The engine's data root, replaced by `/var/lib/docker` (omit when it already is that). */
  dataRoot?: string;
  /** The engine's exec root, replaced by `/var/run/docker`. */
  execRoot?: string;
  /** 64-hex IDs (no `sha256:`) the engine had after any command: containers, 64-hex volume names. */
  knownIds: ReadonlySet<string>;
  /** 64-hex image IDs (no `sha256:`) the engine had after any command. */
  imageIds: ReadonlySet<string>;
}

/** A full ID, optionally `sha256:`-prefixed (used to learn IDs from the raw output). */
export const HEX64 = /(?<![0-9a-f])(sha256:)?([0-9a-f]{64})(?![0-9a-f])/g;
/** The ID token of step 4 (note: the look-behind sits after the optional `sha256:`). */
export const TOKEN = /(sha256:)?(?<![0-9a-f])([0-9a-f]{64}|[0-9a-f]{12})(?![0-9a-f])/g;
export const TIME_RFC3339 = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
export const TIME_GO = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{4} [A-Z]+/g;

export const EXEC_ROOT_NAME = '/var/run/docker';

const replaceAll = (s: string, from: string | undefined, to: string): string => (from ? s.split(from).join(to) : s);

/** The known IDs of a transcript: the engine's, plus every 64-hex string of the raw outputs. */
export interface KnownIds {
  ids: Set<string>;
  imgs: Set<string>;
}

/**
 * Learn the IDs of a transcript as the recorder does: the engine's sets, plus every 64-hex string
 * printed (`sha256:`-prefixed → image); finally an ID seen as an image anywhere is an image only.
 */
export function collectKnownIds(rawOutputs: readonly string[], ctx: Pick<NormalizeContext, 'knownIds' | 'imageIds'>): KnownIds {
  const ids = new Set(ctx.knownIds);
  const imgs = new Set(ctx.imageIds);
  for (const out of rawOutputs) {
    for (const m of out.matchAll(HEX64)) (m[1] ? imgs : ids).add(m[2]);
  }
  for (const h of imgs) ids.delete(h);
  return { ids, imgs };
}

/**
 * A stateful normalizer: call it on each command's output in transcript order (IDs are numbered by
 * first appearance across calls). `known` must already hold every ID of the transcript.
 */
export function createNormalizer(
  ctx: Pick<NormalizeContext, 'pwd' | 'dataRoot' | 'execRoot'>,
  known: KnownIds,
  num = new Map<string, string>(), // hex64 -> '<idN>' | '<imgN>', filled as IDs appear
): (text: string) => string {
  let nId = 0;
  let nImg = 0;
  const name = (hex: string): string => {
    let n = num.get(hex);
    if (n === undefined) {
      n = known.imgs.has(hex) ? `<img${++nImg}>` : `<id${++nId}>`;
      num.set(hex, n);
    }
    return n;
  };
  return (text: string): string => {
    let s = text;
    s = replaceAll(s, ctx.pwd, '$PWD');
    s = replaceAll(s, ctx.dataRoot, DATA_ROOT);
    s = replaceAll(s, ctx.execRoot, EXEC_ROOT_NAME);
    s = s.replace(TIME_RFC3339, '<time>').replace(TIME_GO, '<time>');
    s = s.replace(TOKEN, (m: string, pfx: string | undefined, hex: string) => {
      if (hex.length === 64) return name(hex);
      // same search order as the recorder: numbered IDs first, then images, then the others
      let full: string | undefined;
      for (const h of num.keys()) if (h.startsWith(hex)) { full = h; break; }
      if (full === undefined) for (const h of known.imgs) if (h.startsWith(hex)) { full = h; break; }
      if (full === undefined) for (const h of known.ids) if (h.startsWith(hex)) { full = h; break; }
      if (full === undefined) return m; // a 12-hex word that is no known ID: kept
      return (pfx ?? '') + name(full).replace('>', ':12>');
    });
    return s;
  };
}

/**
 * Normalize a whole transcript: `outputs[k]` = the output lines of the k-th command (raw, split as
 * in `splitOutput`). Returns the normalized lines, same shape. Idempotent: normalizing the result
 * again (same context) changes nothing.
 */
export function normalizeTranscript(outputs: readonly (readonly string[])[], ctx: NormalizeContext): string[][] {
  const texts = outputs.map((lines) => lines.join('\n'));
  const normalize = createNormalizer(ctx, collectKnownIds(texts, ctx));
  return outputs.map((lines, k) => (lines.length === 0 ? [] : normalize(texts[k]).split('\n')));
}

/**
 * The placeholder each ID of a transcript got (64-hex → `<idN>` / `<imgN>`), numbered exactly as
 * normalizeTranscript numbers them; an ID the outputs never show has none. Explanations use it
 * to name objects as the transcript shows them (src/explain/).
 */
export function transcriptNames(outputs: readonly (readonly string[])[], ctx: NormalizeContext): Map<string, string> {
  const texts = outputs.map((lines) => lines.join('\n'));
  const num = new Map<string, string>();
  const normalize = createNormalizer(ctx, collectKnownIds(texts, ctx), num);
  for (const t of texts) if (t !== '') normalize(t);
  return num;
}

/**
 * Split what a command printed into output lines, as the recorder does: nothing printed → [];
 * else drop one final `\n` and split on `\n` (`"\n"` → `['']`, `"a"` → `['a']`).
 */
export function splitOutput(raw: string): string[] {
  if (raw === '') return [];
  return (raw.endsWith('\n') ? raw.slice(0, -1) : raw).split('\n');
}
