// The durations of a progress display on a terminal: what a page compares loosely.
//
// BuildKit's tty display (`docker build` on 26.1; moby/buildkit util/progress/progressui/display.go,
// ttyDisplay.print) and compose v2's (docker/compose pkg/progress/tty.go) end with a screen whose
// lines carry how long each step took: the header `[+] Building 0.8s (8/8) FINISHED` and a
// right-aligned column (`%3.1fs`, ` 0.0s`, `12.3s`) padded with spaces to the terminal's width.
// BuildKit's error block repeats a failed step's log lines, each after the seconds since the step
// started (`0.094 hello`, trace.update: `%.3f` below 10 s, `%.2f` below 100). Those numbers differ
// from run to run, on the reader's machine as on the author's: a page is checked with any duration
// matching any other, and the padding around them (which grows or shrinks with the number's
// width) matching any padding, and the spaces that earlier frames left at a line's end ignored.
// Everything else on the line must be the same.
//
// Two more things of BuildKit's display vary from run to run (recorded: test/pages/pty/
// buildkit-build-t-app*.json, -mixed*.json): the ID a fresh build's image gets (its config holds
// the time it was built: ` => => writing image sha256:` and as many digits as fit), and where the
// context's transfer (` => [internal] load build context` and its ` => => ` lines) comes among
// the steps that start with it. So the digits match any digits, and those lines may stand where
// the page has them. A step's name is cut to the room its duration leaves (one character less
// beside `12.3s` than beside `0.3s`): the characters past the room beside `999.9s` are not compared.
//
// `--update` keeps the page's own line wherever it matches loosely, so that updating twice equals
// updating once and a page is not churned by timings; a line the page does not have yet is
// written as strata printed it.
//
// compose's header `[+] Running 2/2` counts the lines done and, after the slash, the lines its
// previous frame drew (pkg/progress/tty.go print: `w.numLines` before this frame; 0 when the
// whole operation ended before the first tick of 100 ms): that count varies from run to run too.
//
// So does the spinner of a line still working when the last frame is drawn (attached `up`'s
// containers: spinner.go's frame moves on at each frame drawn 100 ms after the line appeared).
//
// Which outputs: a command whose output (as strata shows it) holds a display's header line, `[+] `
// at the start of a line (BuildKit's `[+] Building`, compose's `[+] Running 2/2`). Other commands
// are compared exactly, whatever numbers they print.

import { SPINNER_FRAMES } from '../compose/format/progress.ts';
import { stagesWhereThePageHasThem } from './build-order.ts';
import { servicesWhereThePageHasThem } from './service-order.ts';

/** A duration field: `0.0s`, `12.3s`, standing alone between spaces (or a line's ends, or `( )`). */
const DURATION = /(?<=^|[\s(])\d+\.\d+s(?=$|[\s)])/g;
/** compose's header: `[+] Running 2/2`, the count after the slash being its previous frame's lines. */
const COMPOSE_HEADER = /^(\[\+\] [A-Z][a-z]+ \d+\/)\d+$/;
/** compose's spinner at the start of a line still working (pkg/progress/spinner.go's frames). */
const COMPOSE_SPINNER = new RegExp(`^ [${String.fromCodePoint(...SPINNER_FRAMES)}] `);
/** A log line's time since its step started, in BuildKit's error block: `0.094 hello`. */
const LOG_TIME = /^\d+\.\d+(?= |$)/;
/** A line of BuildKit's display: ` => ` and the name, the padding, the duration. */
const BUILDKIT_LINE = /^( => .*?) +(\d+\.\d+s)$/;
/** ` => ` and the room for a name at 80 columns beside `999.9s`, the widest duration matched. */
const NAME_ROOM = 4 + 67;
/** The image ID a build's display names, cut to fit the line. */
const IMAGE_ID = /^( => => writing image sha256:)[0-9a-f]+/;
/** The padding of a right-aligned column: two spaces or more. */
const PADDING = / {2,}/g;
/** What a masked duration or padding becomes (no line of a display holds these characters). */
const ANY_DURATION = '\u0000s';
const ANY_PADDING = '\u0000 ';

/** Whether a command's output is a progress display whose durations vary from run to run. */
export function hasTimedDisplay(lines: readonly string[]): boolean {
  return lines.some((l) => l.startsWith('[+] '));
}

/**
 * Each line with its durations and paddings masked, where they vary: the display's lines (its
 * header, and the lines ending in a duration), and the log lines of BuildKit's error block
 * (between `------` and ` > STEP:` and the next `------`). Two lines match loosely when their
 * masks are equal.
 */
export function timingMasks(lines: readonly string[]): string[] {
  let inErrorLogs = false;
  return lines.map((full, i) => {
    // A line's trailing spaces are what earlier frames left there (a frame that had more lines is
    // cleared with lines of spaces as wide as the terminal, display.go print "override previous
    // content"): how many depends on which frames were drawn, which varies from run to run.
    let line = full.replace(/ +$/, '');
    // BuildKit's printErrorLogs: "------", " > NAME:", the logs, "------"
    if (line === '------') {
      inErrorLogs = !inErrorLogs && /^ > .*: *$/.test(lines[i + 1] ?? '');
      return line;
    }
    if (inErrorLogs) return line.replace(LOG_TIME, ANY_DURATION);
    const header = line.startsWith('[+] ');
    const column = /\s\d+\.\d+s$/.test(line);
    if (!header && !column) return line;
    // BuildKit cuts a step's name to the room its duration leaves (display.go print: `left`), one
    // character less for `12.3s` than for `0.3s`: only the room the widest duration leaves counts.
    const cut = BUILDKIT_LINE.exec(line);
    if (cut && cut[1].length > NAME_ROOM) line = `${cut[1].slice(0, NAME_ROOM)}  ${cut[2]}`;
    if (COMPOSE_HEADER.test(line)) return line.replace(COMPOSE_HEADER, `$1${ANY_DURATION}`);
    return line.replace(COMPOSE_SPINNER, ` ${ANY_DURATION} `).replace(DURATION, ANY_DURATION).replace(PADDING, ANY_PADDING).replace(IMAGE_ID, '$1\u0000');
  });
}

/**
 * Whether the page's output lines match the actual ones, durations and their padding loosely
 * when the actual output is a timed display (exactly otherwise).
 */
export function timingsMatch(page: readonly string[], actual: readonly string[]): boolean {
  const kept = keepPageTimings(page, actual);
  return kept.length === page.length && kept.every((l, i) => l === page[i]);
}

/**
 * What a page shows for a command that printed `actual`: for a timed display, each actual line
 * that matches a page line loosely (the longest common subsequence of the two, in order) is the
 * page's own line, timings and all; the other lines are strata's. For any other output, `actual`.
 * So a page whose display differs only in its timings passes as it is, `--update` leaves it
 * alone, and a line that differs in anything else is strata's (and a mismatch at that line).
 */
export function keepPageTimings(page: readonly string[], actual: readonly string[]): string[] {
  if (!hasTimedDisplay(actual) || page.length === 0) return [...actual];
  const p = timingMasks(page);
  // (a multi-stage build's steps in the page's order, when the build can show it: build-order.ts)
  actual = stagesWhereThePageHasThem(page, p, actual, timingMasks(actual));
  // (several services' builds in the page's order, when the builds can show it: service-order.ts,
  // which places their contexts too)
  const byService = servicesWhereThePageHasThem(page, p, actual, timingMasks(actual));
  actual = byService !== actual ? byService : contextWhereThePageHasIt(p, actual);
  const a = timingMasks(actual);
  // lcs[i][j]: the longest common subsequence of p[i..] and a[j..]
  const lcs: number[][] = Array.from({ length: p.length + 1 }, () => new Array<number>(a.length + 1).fill(0));
  for (let i = p.length - 1; i >= 0; i--) {
    for (let j = a.length - 1; j >= 0; j--) {
      lcs[i][j] = p[i] === a[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (j < a.length) {
    if (i < p.length && p[i] === a[j]) {
      out.push(page[i]);
      i++;
      j++;
    } else if (i < p.length && lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else {
      out.push(actual[j]);
      j++;
    }
  }
  return out;
}

/** BuildKit's context transfer: its vertex's line (compose's `[web internal]`); its statuses follow it (` => => `). */
const CONTEXT_LINE = /^ => \[(?:[^\]\s]+ )?internal\] load build context[\s\u0000]/;

/** The lines of the context's transfer in `lines`: [start, end), or undefined. */
function contextBlock(lines: readonly string[]): [number, number] | undefined {
  const start = lines.findIndex((l) => CONTEXT_LINE.test(l));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && lines[end].startsWith(' => => ')) end++;
  return [start, end];
}

/**
 * `actual` with its context transfer's lines moved after the line the page has them after (the
 * same line, loosely), when the page has them elsewhere; else `actual` as it is.
 */
function contextWhereThePageHasIt(pageMasks: readonly string[], actual: readonly string[]): readonly string[] {
  const inPage = contextBlock(pageMasks);
  const inActual = contextBlock(actual);
  if (!inPage || !inActual || inPage[0] === 0) return actual;
  const before = pageMasks[inPage[0] - 1];
  const block = actual.slice(inActual[0], inActual[1]);
  const rest = [...actual.slice(0, inActual[0]), ...actual.slice(inActual[1])];
  const at = timingMasks(rest).indexOf(before);
  if (at < 0) return actual;
  return [...rest.slice(0, at + 1), ...block, ...rest.slice(at + 1)];
}
