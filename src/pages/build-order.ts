// The order of a multi-stage build's steps in BuildKit's tty display: what a page compares loosely.
//
// The display lists its vertices in the order they started (moby/buildkit v0.13.1
// util/progress/progressui/display.go, trace.update appends a vertex when it starts). BuildKit
// solves the build as a graph (solver/scheduler.go): a step starts once its inputs are done, so the
// steps of stages that do not read each other run side by side, and which started first depends on
// timing; a step never starts before what it reads (recorded: test/pages/pty/buildkit-ms-*.json).
// The stages that start from the same image share one FROM line, named after one of them, which
// one varying from run to run (client/llb/state.go marshal: the description of an op marshalled
// twice is the last one's; client/llb/fileop.go FileOp.Inputs lists a COPY's inputs from a Go map;
// recorded: buildkit-ms-par-a names it `[a 1/2]`, buildkit-ms-par `[b 1/2]`).
//
// So a page's display of a multi-stage build matches strata's when its lines are strata's in
// another order that keeps every line after what it depends on, its FROM named after any stage the
// display shows: strata's lines are then put in the page's order (and the FROM named as the page
// names it), and the rest of the comparison (timings.ts) goes on as for any display. strata's own
// order is one the build can show (image/build/progress.ts stepVertices); two lines may stand the
// other way round on the page only when nothing makes one wait for the other. What the lines say
// of that: a stage's steps are in the order of their numbers (`[a 1/2]`, `[a 2/2]`), the FROMs come
// before every step (two images' in any order, as their `load metadata` lines, and the FROM of an
// image a `COPY --from` names, which has no stage name: recorded, buildkit-pb-copy-image), a
// `COPY --from=a` comes after the lines of stage `a` and of what `a` reads; one stage names one FROM.
// The display does not say which stage a stage starts from (`FROM base AS test`: its first line
// is `[test 1/1]`) nor which stage `--from=0` names when stage 0 has a name: such a stage keeps
// strata's order with every other stage's lines (a valid page order may then be a mismatch,
// never the other way round).

/**
 * A step of a stage, once a Dockerfile has several: ` => CACHED [build 2/3] RUN ...` (display.go:
 * CACHED, ERROR, CANCELED before); compose puts the service's name first (`[app build 2/3]`,
 * image/build/progress.ts withServicePrefix).
 */
const STAGE_STEP = /^ => (?:CACHED |ERROR |CANCELED )?\[([^\]]+?) +(\d+)\/(\d+)\] (.*)$/;
/**
 * The FROM of an image a `COPY --from` names (BuildKit's stage of its own for it, without a name:
 * image/build/builder.ts imageSourceStage): ` => FROM docker.io/library/mybase:1`.
 */
const IMAGE_FROM = /^ => (?:CACHED )?(?:\[[^\]\s]+\] )?FROM \S/;
/** The context's transfer: a vertex that only the steps reading the context wait for (timings.ts moves it). */
const CONTEXT = /^ => \[(?:[^\]\s]+ )?internal\] load build context[\s\u0000]/;

interface Block {
  /** Its lines: the vertex's, then its statuses (` => => `). */
  start: number;
  end: number;
  kind: 'step' | 'from' | 'context';
  label?: string;
  index?: number;
  total?: number;
  /** What a COPY reads: `--from=X` as written. */
  from?: string;
}

/** BuildKit's resolution of a stage's image: `[internal] load metadata for REF` (compose: `[web internal]`). */
const METADATA = /^ => \[(?:[^\]\s]+ )?internal\] load metadata for /;

/**
 * The images of the stages are resolved side by side (dockerfile2llb toDispatchState: an errgroup
 * goroutine per stage), so their `load metadata` lines come in any order (recorded:
 * buildkit-ms-bases-*): `actual`'s in the page's order when the page has the same lines.
 */
function metadataWhereThePageHasIt(pageMasks: readonly string[], actual: readonly string[], actualMasks: readonly string[]): [readonly string[], readonly string[]] {
  const run = (masks: readonly string[]): [number, number] => {
    const start = masks.findIndex((l) => METADATA.test(l));
    let end = start;
    while (end >= 0 && end < masks.length && METADATA.test(masks[end])) end++;
    return [start, end];
  };
  const [ps, pe] = run(pageMasks);
  const [as, ae] = run(actualMasks);
  if (ps < 0 || as < 0 || pe - ps !== ae - as || ae - as < 2) return [actual, actualMasks];
  const order = pageMasks.slice(ps, pe).map((m) => actualMasks.indexOf(m, as));
  if (order.some((k) => k < 0 || k >= ae) || new Set(order).size !== order.length) return [actual, actualMasks];
  const put = (ls: readonly string[]): string[] => [...ls.slice(0, as), ...order.map((k) => ls[k]), ...ls.slice(ae)];
  return [put(actual), put(actualMasks)];
}

/** The display's vertices: each vertex's line and its ` => => ` lines. */
function blocks(masks: readonly string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < masks.length; i++) {
    if (!masks[i].startsWith(' => ') || masks[i].startsWith(' => => ')) continue;
    let end = i + 1;
    while (end < masks.length && masks[end].startsWith(' => => ')) end++;
    const m = STAGE_STEP.exec(masks[i]);
    if (m) {
      const [, label, index, total, rest] = m;
      const from = /^COPY((?: --\S+)*)/.exec(rest)?.[1].match(/ --from=(\S+)/)?.[1];
      out.push({ start: i, end, kind: rest.startsWith('FROM ') ? 'from' : 'step', label, index: Number(index), total: Number(total), ...(from !== undefined ? { from } : {}) });
    } else if (IMAGE_FROM.test(masks[i])) out.push({ start: i, end, kind: 'from' });
    else if (CONTEXT.test(masks[i])) out.push({ start: i, end, kind: 'context' });
    else out.push({ start: i, end, kind: 'step' });
    i = end - 1;
  }
  return out;
}

/** The blocks between the internal loads and the export: a FROM, a labelled step, the context. */
function region(bs: readonly Block[]): Block[] | undefined {
  const inRegion = (b: Block): boolean => b.kind === 'context' || b.kind === 'from' || b.label !== undefined;
  const first = bs.findIndex(inRegion);
  if (first < 0) return undefined;
  let last = first;
  while (last < bs.length && inRegion(bs[last])) last++;
  return bs.slice(first, last);
}

/**
 * `actual` with its multi-stage steps in the page's order and its shared FROM named as the page
 * names it, when the page shows the same lines (loosely: `pageMasks` and timingMasks of `actual`)
 * in an order the build can show; else `actual` as it is.
 */
export function stagesWhereThePageHasThem(page: readonly string[], pageMasks: readonly string[], actual: readonly string[], actualMasks: readonly string[]): readonly string[] {
  [actual, actualMasks] = metadataWhereThePageHasIt(pageMasks, actual, actualMasks);
  const a = region(blocks(actualMasks));
  if (!a || !a.some((b) => b.kind === 'step' && b.label !== undefined)) return actual;
  const p = region(blocks(pageMasks));
  if (!p || p.length !== a.length) return actual;
  const text = (masks: readonly string[], b: Block): string => masks.slice(b.start, b.end).join('\n');
  // the stages the display shows, with their step counts
  const shown = new Set(a.filter((b) => b.label !== undefined).map((b) => `${b.label} ${b.total}`));
  // (a FROM's lines without the stage's label and count: CACHED and the rest stay)
  const fromKey = (masks: readonly string[], b: Block): string => text(masks, b).replace(/^( => (?:CACHED )?)\[[^\]]*\] /, '$1');
  // (the images a COPY --from names: their FROM may be named without a stage, when it is the
  // image's stage that names their common FROM)
  const labels = [...new Set(a.flatMap((b) => (b.label !== undefined ? [b.label] : [])))];
  // (a number is a stage's index; a name, a stage's label, or compose's `SERVICE STAGE`)
  const namesStage = (from: string): boolean => /^\d+$/.test(from) || labels.some((l) => l === from || l.endsWith(` ${from}`));
  const copiesImage = a.some((b) => b.from !== undefined && !namesStage(b.from));
  // each page block's actual block
  const used = new Set<number>();
  const match: number[] = [];
  // (a stage has one FROM: a page naming two after one stage is no display the build shows)
  const fromLabels = p.filter((b) => b.kind === 'from' && b.label !== undefined).map((b) => b.label);
  if (new Set(fromLabels).size !== fromLabels.length) return actual;
  for (const pb of p) {
    const k = a.findIndex((ab, j) => {
      if (used.has(j)) return false;
      // (a FROM named after a stage the display shows, whose step 1 it is: not a stage FROM a stage)
      if (pb.kind === 'from' && ab.kind === 'from') {
        if (pb.label === undefined) return (ab.label === undefined || copiesImage) && fromKey(pageMasks, pb) === fromKey(actualMasks, ab);
        const own = pb.index === 1 && shown.has(`${pb.label} ${pb.total}`) && !a.some((b) => b.kind === 'step' && b.label === pb.label && b.index === 1);
        return own && fromKey(pageMasks, pb) === fromKey(actualMasks, ab);
      }
      return text(pageMasks, pb) === text(actualMasks, ab);
    });
    if (k < 0) return actual;
    used.add(k);
    match.push(k);
  }
  if (!ordersAgree(a, match)) return actual;
  const firstLine = a[0].start;
  const lastLine = a[a.length - 1].end;
  const moved = match.flatMap((k, i) => {
    const b = a[k];
    const lines = actual.slice(b.start, b.end);
    // (the FROM as the page names it: its own line)
    return b.kind === 'from' ? [page[p[i].start], ...lines.slice(1)] : lines;
  });
  return [...actual.slice(0, firstLine), ...moved, ...actual.slice(lastLine)];
}

/**
 * Whether the page's order (`match`: the actual block at each page position) keeps every pair of
 * blocks that depend on each other as strata's order has them (`a`): then it is an order the build
 * can show too, strata's being one.
 */
function ordersAgree(a: readonly Block[], match: readonly number[]): boolean {
  // the stages each stage reads (`*`: one the display cannot tell)
  const reads = new Map<string, Set<string>>();
  const labels = new Set(a.flatMap((b) => (b.label !== undefined ? [b.label] : [])));
  for (const b of a) {
    if (b.label === undefined || b.kind === 'from') continue;
    const r = reads.get(b.label) ?? new Set<string>();
    reads.set(b.label, r);
    // a stage whose first line is its step 1 starts from another stage
    if (b.index === 1) r.add('*');
    if (b.from !== undefined) {
      // (a stage's label, or compose's `SERVICE STAGE` of the same service)
      const service = b.label.includes(' ') ? `${b.label.slice(0, b.label.indexOf(' '))} ` : '';
      const stage = /^\d+$/.test(b.from) ? `stage-${b.from}` : b.from;
      const named = [b.from, stage, `${service}${b.from}`, `${service}${stage}`].find((l) => labels.has(l));
      r.add(named ?? '*');
    }
  }
  // (what a stage reads, it reads with what that one reads)
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of reads.values()) {
      for (const s of [...r]) {
        for (const t of reads.get(s) ?? []) {
          if (!r.has(t)) {
            r.add(t);
            changed = true;
          }
        }
      }
    }
  }
  const dependent = (x: Block, y: Block): boolean => {
    // (the context, and the FROMs of two images, start as the build does)
    if (x.kind === 'context' || y.kind === 'context' || (x.kind === 'from' && y.kind === 'from')) return false;
    if (x.kind === 'from' || y.kind === 'from' || x.label === undefined || y.label === undefined) return true;
    if (x.label === y.label) return true;
    const rx = reads.get(x.label);
    const ry = reads.get(y.label);
    return rx?.has('*') === true || ry?.has('*') === true || rx?.has(y.label) === true || ry?.has(x.label) === true;
  };
  for (let i = 0; i < match.length; i++) {
    for (let j = i + 1; j < match.length; j++) {
      // page: match[i] before match[j]; strata the other way round
      if (match[i] > match[j] && dependent(a[match[i]], a[match[j]])) return false;
    }
  }
  return true;
}
