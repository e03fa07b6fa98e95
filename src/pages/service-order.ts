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
// .dockerignore, its steps, its export; its context before the steps from the first that reads
// it), an image's `load metadata` after a build definition and before its FROM, and the FROM
// before the steps; a shared line may name any service of the display (a FROM: one whose steps
// count as many). A step may be one vertex of several builds too, named after any of them
// (recorded: compose-pb2-samerun-*, -sharedrun-*, -samefirst-*: `[api 2/3] RUN ...` where strata
// names the same line `[web 2/3]`): a step line `[web i/n]` is taken for another service's too
// when the display shows no line `i` of that service and its lines count n; it comes before that
// service's later lines as before web's. strata's lines are then put in the page's order, the
// shared ones named as the page names them, and the comparison goes on (timings.ts).

/** A vertex's first line: ` => [web internal] ...`, ` => CACHED [web 2/2] ...`, ` => [web] exporting ...`. */
const VERTEX = /^ => (?:CACHED |ERROR |CANCELED )?\[([^\]\s]+)(?: ([^\]]+))?\] (.*)$/;

interface Block {
  start: number;
  end: number;
  service: string;
  kind: 'metadata' | 'from' | 'definition' | 'step' | 'context' | 'own';
  /** A shared vertex's image; a step's number and count (`k` and `N` of `[web k/N]`), and what it does. */
  ref?: string;
  index?: number;
  total?: number;
  rest?: string;
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
    else if (count) out.push({ start: i, end, service, kind: 'step', index: Number(count[1]), total: Number(count[2]), rest });
    else if (inner === 'internal' && rest.startsWith('load build context')) out.push({ start: i, end, service, kind: 'context' });
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
  // A shared line named after another service: the same line, but the name of a longer service
  // leaves less room for the rest, which the display cuts at the terminal's width (progress.ts
  // jobLine; recorded: compose-pb2-sharedrun-1, `[worker internal] load metadata for
  // docker.io/library/busybox:lates`): the first lines agree up to the shorter's cut.
  const sameNamedOtherwise = (pageText: string, actualText: string, pageService: string, actualService: string): boolean => {
    if (pageText === actualText) return true;
    const [pageFirst, ...pageRest] = pageText.split('\n');
    const [actualFirst, ...actualRest] = actualText.split('\n');
    if (pageRest.join('\n') !== actualRest.join('\n')) return false;
    // (the line up to its masked timing or cut end)
    const core = (l: string): string => l.replace(/\u0000[\s\S]*$/, '').trimEnd();
    const [pc, ac] = [core(pageFirst), core(actualFirst)];
    const [short, long] = pc.length <= ac.length ? [pc, ac] : [ac, pc];
    return long.startsWith(short) && long.length - short.length <= Math.abs(pageService.length - actualService.length) + 2;
  };
  // a FROM may be named after a service whose steps count as many (or that shows none: each is
  // another's vertex)
  const counts = (service: string): Set<number> => {
    const numbered = a.filter((b) => b.service === service && (b.kind === 'step' || b.kind === 'from'));
    return new Set(numbered.length > 0 ? numbered.map((b) => b.total!) : a.filter((b) => b.kind === 'from').map((b) => b.total!));
  };
  // the services whose build a step is a vertex of: its own, and those that show no line of its
  // number and whose lines count as many
  const sharers = new Map<Block, Set<string>>();
  const servicesOf = (b: Block): Set<string> => {
    if (b.kind !== 'step') return new Set([b.service]);
    let known = sharers.get(b);
    if (known === undefined) {
      known = new Set([b.service]);
      for (const other of services) {
        const numbered = a.filter((x) => x.service === other && (x.kind === 'step' || x.kind === 'from'));
        if (other !== b.service && !numbered.some((x) => x.index === b.index) && numbered.every((x) => x.total === b.total)) known.add(other);
      }
      sharers.set(b, known);
    }
    return known;
  };
  // (a step without its service's name)
  const unnamedStep = (masks: readonly string[], b: Block): string => text(masks, b).replace(/^( => (?:CACHED )?\[)[^\]\s]+ /, '$1* ');
  const used = new Set<number>();
  const match: number[] = [];
  for (const pb of p) {
    const k = a.findIndex((ab, j) => {
      if (used.has(j) || pb.kind !== ab.kind) return false;
      if (pb.kind === 'metadata' || pb.kind === 'from') {
        if (!services.has(pb.service) || (pb.kind === 'from' && !counts(pb.service).has(pb.total!))) return false;
        return sameNamedOtherwise(unnamed(pageMasks, pb), unnamed(actualMasks, ab), pb.service, ab.service);
      }
      if (pb.kind === 'step' && pb.service !== ab.service) return servicesOf(ab).has(pb.service) && sameNamedOtherwise(unnamedStep(pageMasks, pb), unnamedStep(actualMasks, ab), pb.service, ab.service);
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
  // (a context is read from a service's first step that copies from it)
  const readsContext = (b: Block): boolean => b.kind === 'step' && /^(?:COPY|ADD) /.test(b.rest ?? '') && !/^COPY(?: --\S+)* --from=/.test(b.rest ?? '');
  const firstRead = (service: string): number => Math.min(...a.filter((b) => readsContext(b) && servicesOf(b).has(service)).map((b) => b.index!));
  const dependent = (x: Block, y: Block): boolean => {
    const shared = (b: Block): boolean => b.kind === 'metadata' || b.kind === 'from';
    const overlap = (u: Block, v: Block): boolean => [...servicesOf(u)].some((t) => servicesOf(v).has(t));
    // (a step of several builds from the context's first read on waits for one of their contexts,
    // which: checked below)
    if (x.kind === 'context' && y.kind === 'step') return servicesOf(y).size === 1 && servicesOf(y).has(x.service) && y.index! >= firstRead(x.service);
    if (x.kind === 'step' && y.kind === 'context') return servicesOf(x).size === 1 && servicesOf(x).has(y.service) && x.index! >= firstRead(y.service);
    if (!shared(x) && !shared(y)) return overlap(x, y);
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
  // A step of several builds that reads a context or comes after the first that does ran on one
  // of their contexts, whichever came first (recorded: compose-pb-shared-1, `[web 2/2] COPY`
  // before `[web internal] load build context`, after the worker's): some such context before it.
  for (const [i, k] of match.entries()) {
    const b = a[k];
    const sharers = servicesOf(b);
    if (b.kind !== 'step' || sharers.size < 2 || ![...sharers].some((t) => b.index! >= firstRead(t))) continue;
    if (!match.slice(0, i).some((j) => a[j].kind === 'context' && sharers.has(a[j].service))) return actual;
  }
  const moved = match.flatMap((k, i) => {
    const b = a[k];
    const lines = actual.slice(b.start, b.end);
    // (a shared line as the page names it)
    return b.kind === 'metadata' || b.kind === 'from' || p[i].service !== b.service ? [page[p[i].start], ...lines.slice(1)] : lines;
  });
  return [...actual.slice(0, a[0].start), ...moved, ...actual.slice(a[a.length - 1].end)];
}
