// The parts of compose's output whose order varies from run to run: what a scenario or a page is
// checked against loosely.
//
// Compose works on independent objects in parallel and reads its containers' streams
// concurrently (docker/compose pkg/compose/convergence.go, down.go, stop.go: errgroup per
// container; attach.go: a goroutine per container's attach stream, printer.go: one queue), so two
// runs of one command print the same lines in other orders (recorded: test/pages/pty/
// compose-attached-*.json, test/recorded/docker-26.1/compose/attached-up-*.scenario):
// - after `Attaching to NAME, NAME` (attached `up`), each container's lines, prefixed `NAME  | `,
//   and its `NAME exited with code N`, interleave with the other containers' in any way; each
//   container's own lines keep their order (printer.go: one consumer). Under
//   --abort-on-container-exit, the exit that ended the up is the last of them (printer.Run drops
//   what comes once it is aborting), right before `Aborting on container exit...`;
// - the lines of a progress display about containers (` Container app-web-1  Created`, or
//   ` ✔ Container app-web-1  Stopped  0.3s` on a terminal) come in the order compose first heard
//   of each container, and so do those about networks and volumes (among themselves); the lines
//   about one object keep their order (`Creating` before `Created` without a terminal); so do
//   the services' lines of a pull (` ✔ db Pulled`), and the containers' lines of `compose cp`;
// - a pull display taller than the terminal stops drawing its layers' lines and pads its last
//   frame with blank lines, as many as an earlier frame drew (pkg/progress/tty.go
//   skipChildEvents; recorded: test/pages/pty/compose-pull-tall-*.json, 0 or 14): any count
//   matches.
//
// So strata prints one order a real run can print, and a check takes the expected output's own
// order wherever it is one of those: `actual` is reordered like `expected` when each group of
// such lines holds the same objects' lines in both, each object's lines taken in strata's order
// (a line that differs still differs, where the expected output has it). What is not checked:
// the order compose's dependencies impose between containers (a dependency created, or exited,
// before the service that waits for it): those lines are taken in any order too.
// Without a prefix (`up --no-log-prefix`) the containers' lines cannot be told apart: they are
// compared in strata's order.

import { TERMINAL_LINES } from '../engine/terminal.ts';

/** A terminal's control sequences (the erase-line before a log line, colours). */
const CONTROLS = /\x1b\[[0-9;?]*[A-Za-z]/g;
const ATTACHING = /^Attaching to (.+)$/;
const ABORTING = 'Aborting on container exit...';
/** A progress line about an object: ` Container NAME  ...`, after a mark on a terminal. */
const PROGRESS = /^ (?:\S )?(Container|Network|Volume) ("[^"]*"|\S+)(?: |$)/;
const EXITED = / exited with code -?\d+$/;
/** A service's line of a pull (pkg/compose/pull.go's events): ` ✔ db Pulled`, ` db Pulling ` without a terminal. */
const PULL = /^ (?:\S )?(\S+) (?:Pulling|Pulled|Error|Warning|Skipped)(?: |$)/;
/**
 * A container's line of `compose cp` (pkg/compose/cp.go copies to each container of the service at
 * once): ` NAME copy SRC to DST Copying`, then `Copied` (recorded: compose/sweep-cp-scaled).
 */
const COPY = /^ (?:\S )?(\S+) copy .* (?:Copying|Copied)$/;
/** A line a display pads its frame with: spaces (or nothing, on a page). */
const BLANK = /^ *$/;

type Unit = { kind: 'fixed'; line: string } | { kind: string; items: { key: string; line: string }[]; padding: string[] };

/** Which attached container a line of attached `up`'s logs belongs to (its prefix or its exit line). */
function containerOf(plain: string, names: readonly string[]): string | undefined {
  for (const n of names) {
    if (!plain.startsWith(n)) continue;
    const rest = plain.slice(n.length);
    if (/^ *\| /.test(rest) || EXITED.test(plain) && rest.replace(EXITED, '') === '') return n;
  }
  return undefined;
}

/** The output's lines in units: lines kept where they are, and groups whose order may vary. */
function units(lines: readonly string[]): Unit[] {
  const out: Unit[] = [];
  let names: string[] | undefined;
  for (const line of lines) {
    const plain = line.replace(CONTROLS, '');
    const attaching = ATTACHING.exec(plain);
    let group: { kind: string; key: string } | undefined;
    if (attaching) {
      // longest first: `web-1` is not `web-10`'s prefix
      names = attaching[1].split(', ').sort((a, b) => b.length - a.length);
    } else if (names !== undefined) {
      const key = containerOf(plain, names);
      if (key !== undefined) group = { kind: 'logs', key };
      else names = undefined;
    }
    if (group === undefined && !attaching) {
      const m = PROGRESS.exec(plain);
      const pull = PULL.exec(plain);
      const copy = COPY.exec(plain);
      if (m) group = { kind: m[1] === 'Container' ? 'containers' : 'resources', key: `${m[1]} ${m[2]}` };
      else if (pull) group = { kind: 'pulls', key: pull[1] };
      else if (copy) group = { kind: 'copies', key: copy[1] };
    }
    const last = out.at(-1);
    if (group === undefined && BLANK.test(plain) && last !== undefined && last.kind === 'pulls' && 'items' in last) {
      last.padding.push(line);
      continue;
    }
    if (group === undefined) {
      // the exit that ended an attached `up` stays last (printer.Run: nothing after it)
      if (plain === ABORTING && last !== undefined && last.kind === 'logs' && 'items' in last) {
        const trigger = last.items.pop()!;
        if (last.items.length === 0) out.pop();
        out.push({ kind: 'fixed', line: trigger.line });
      }
      out.push({ kind: 'fixed', line });
    } else if (last !== undefined && last.kind === group.kind && 'items' in last && last.padding.length === 0) last.items.push({ key: group.key, line });
    else out.push({ kind: group.kind, items: [{ key: group.key, line }], padding: [] });
  }
  return out;
}

/** Each key's count. */
function counts(items: readonly { key: string }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const { key } of items) m.set(key, (m.get(key) ?? 0) + 1);
  return m;
}

/**
 * `actual` with each group of lines whose order varies from run to run in `expected`'s order,
 * where both hold the same groups of the same objects; otherwise `actual` as it is.
 */
export function keepExpectedInterleaving(expected: readonly string[], actual: readonly string[]): string[] {
  if (expected.length === 0) return [...actual];
  const a = units(actual);
  if (!a.some((u) => u.kind !== 'fixed')) return [...actual];
  const e = units(expected);
  if (e.length !== a.length || e.some((u, i) => u.kind !== a[i].kind)) return [...actual];
  const out: string[] = [];
  a.forEach((u, i) => {
    const x = e[i];
    if (!('items' in u) || !('items' in x)) {
      if ('line' in u) out.push(u.line);
      return;
    }
    const want = counts(x.items);
    const have = counts(u.items);
    if (want.size !== have.size || [...want].some(([k, n]) => have.get(k) !== n)) out.push(...u.items.map((it) => it.line));
    else {
      // each object's lines in strata's order, the objects in the expected order
      const queues = new Map<string, string[]>();
      for (const it of u.items) queues.set(it.key, [...(queues.get(it.key) ?? []), it.line]);
      for (const it of x.items) out.push(queues.get(it.key)!.shift()!);
    }
    // (the padding stops at the terminal's height less two: tty.go print)
    out.push(...(x.items.length + x.padding.length <= TERMINAL_LINES - 2 ? x.padding : u.padding));
  });
  return out;
}
