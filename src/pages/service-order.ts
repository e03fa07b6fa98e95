// The order of several services' builds on compose's one display: what a page compares loosely.
//
// `docker compose build` (and `up --build`) of several services builds them side by side on one
// display (pkg/compose/build.go at v2.26.1; image/build/progress.ts mergedServiceDisplays): each
// vertex is listed when it starts, named after its service (`[web 2/2] COPY ...`), so how the two
// builds' lines interleave varies from run to run, and a vertex both builds share (an image's
// `load metadata`, its FROM: one digest) is listed once, named after either service (recorded:
// test/pages/pty/compose-pb-two-*.json, three fresh takes in three orders).
//
// So a page's display of several services matches strata's when its lines are strata's in
// another order that keeps each service's own lines in their order (its definition, its
// .dockerignore, its context, its steps, its export), an image's `load metadata` after a build
// definition and before its FROM, and the FROM before the steps; a shared line may name any
// service of the display (a FROM: one whose steps count as many). strata's lines are then put in
// the page's order, the shared ones named as the page names them, and the comparison goes on
// (timings.ts).

/** A vertex's first line: ` => [web internal] ...`, ` => CACHED [web 2/2] ...`, ` => [web] exporting ...`. */
const VERTEX = /^ => (?:CACHED |ERROR |CANCELED )?\[([^\]\s]+)(?: ([^\]]+))?\] (.*)$/;

interface Block {
  start: number;
  end: number;
  service: string;
  kind: 'metadata' | 'from' | 'definition' | 'step' | 'own';
  /** A shared vertex's image; a step's count (`N` of `[web k/N]`). */
  ref?: string;
  total?: number;
}

function blocks(masks: readonly string[]): Block[] | undefined {
  const out: Block[] = [];
  for (let i = 0; i < masks.length; i++) {
    if (!masks[i].startsWith(' => ') || masks[i].startsWith(' => => ')) continue;
    let end = i + 1;
    while (end < masks.length && masks[end].startsWith(' => => ')) end++;
    const m = VERTEX.exec(masks[i]);
    if (!m) return undefined;
    const [, service, inner, rest] = m;
    const count = inner === undefined ? undefined : /^(\d+)\/(\d+)$/.exec(inner);
    if (inner === 'internal' && rest.startsWith('load metadata for ')) out.push({ start: i, end, service, kind: 'metadata', ref: rest.slice('load metadata for '.length).split(/\s/)[0] });
    else if (inner === 'internal' && rest.startsWith('load build definition')) out.push({ start: i, end, service, kind: 'definition' });
    else if (count && count[1] === '1' && /^FROM \S/.test(rest)) out.push({ start: i, end, service, kind: 'from', ref: rest.slice(5).split(/\s/)[0], total: Number(count[2]) });
    else if (count) out.push({ start: i, end, service, kind: 'step', total: Number(count[2]) });
    // (a stage's label, `[app build 2/2]`: not one service's single-stage build)
    else if (inner !== undefined && inner !== 'internal') return undefined;
    else out.push({ start: i, end, service, kind: 'own' });
    i = end - 1;
  }
  return out;
}

/**
 * `actual` in the page's order, its shared lines named as the page names them, when the page
 * shows the same lines (loosely: `pageMasks` and timingMasks of `actual`) in an order the builds
 * can show; else `actual` as it is.
 */
export function servicesWhereThePageHasThem(page: readonly string[], pageMasks: readonly string[], actual: readonly string[], actualMasks: readonly string[]): readonly string[] {
  const a = blocks(actualMasks);
  if (!a || new Set(a.map((b) => b.service)).size < 2) return actual;
  const p = blocks(pageMasks);
  if (!p || p.length !== a.length || p[0].start !== a[0].start) return actual;
  const services = new Set(a.map((b) => b.service));
  const text = (masks: readonly string[], b: Block): string => masks.slice(b.start, b.end).join('\n');
  // (a shared line without its service's name: CACHED and the rest stay)
  const unnamed = (masks: readonly string[], b: Block): string => text(masks, b).replace(/^( => (?:CACHED )?\[)[^\]\s]+ (?:internal|1\/\d+)\]/, '$1*]');
  // a FROM may be named after a service whose steps count as many
  const counts = (service: string): Set<number> => new Set(a.filter((b) => b.service === service && (b.kind === 'step' || b.kind === 'from')).map((b) => b.total!));
  const used = new Set<number>();
  const match: number[] = [];
  for (const pb of p) {
    const k = a.findIndex((ab, j) => {
      if (used.has(j) || pb.kind !== ab.kind) return false;
      if (pb.kind === 'metadata' || pb.kind === 'from') {
        if (!services.has(pb.service) || (pb.kind === 'from' && !counts(pb.service).has(pb.total!))) return false;
        return unnamed(pageMasks, pb) === unnamed(actualMasks, ab);
      }
      return text(pageMasks, pb) === text(actualMasks, ab);
    });
    if (k < 0) return actual;
    used.add(k);
    match.push(k);
  }
  // (an image is resolved once a build definition was read)
  const firstDefinition = p.findIndex((b) => b.kind === 'definition');
  if (p.some((b, i) => b.kind === 'metadata' && i < firstDefinition)) return actual;
  const froms = new Set(a.filter((b) => b.kind === 'from').map((b) => b.ref));
  const dependent = (x: Block, y: Block): boolean => {
    const shared = (b: Block): boolean => b.kind === 'metadata' || b.kind === 'from';
    if (!shared(x) && !shared(y)) return x.service === y.service;
    if (x.kind === 'metadata' && y.kind === 'from') return x.ref === y.ref;
    if (x.kind === 'from' && y.kind === 'metadata') return x.ref === y.ref;
    // (a FROM before the steps; of several images, strata's order with every step)
    if ((x.kind === 'from' && y.kind === 'step') || (x.kind === 'step' && y.kind === 'from')) return true;
    return froms.size > 1 && (x.kind === 'from' || y.kind === 'from') && (x.kind === 'step' || y.kind === 'step');
  };
  for (let i = 0; i < match.length; i++) {
    for (let j = i + 1; j < match.length; j++) {
      if (match[i] > match[j] && dependent(a[match[i]], a[match[j]])) return actual;
    }
  }
  const moved = match.flatMap((k, i) => {
    const b = a[k];
    const lines = actual.slice(b.start, b.end);
    return b.kind === 'metadata' || b.kind === 'from' ? [page[p[i].start], ...lines.slice(1)] : lines;
  });
  return [...actual.slice(0, a[0].start), ...moved, ...actual.slice(a[a.length - 1].end)];
}
