// The ages of images that existed before the session: what a page compares loosely.
//
// `docker images` (and `docker image ls`, `docker ps`'s CREATED of an old container, `docker
// history`) prints how long ago an object was created, in units.HumanDuration's words. A page's
// session lasts seconds on strata's clock, so an age of an hour or more is that of something
// older than the session: a pulled image, whose Created is its real image's (src/image/real.ts),
// or the base image. How old it is depends on the day the page is read: the author saw "3 months
// ago", a reader later "5 months ago", and strata prints it for its own reader's date
// (READER_CLOCK, src/engine/initial-state.ts). So an age of an hour or more matches any other age
// of an hour or more, and the padding of a table whose column it widens or narrows (`2 years ago`
// against `12 months ago`) matches any padding; everything else on the lines is compared exactly.
// A tag moves too (the page's postgres:16 may be an older build than strata's): its ID and size
// are compared exactly, and `--update` writes strata's.
//
// `--update` keeps the page's own line wherever it matches loosely, so that a page is not churned
// by the day it is checked on.

import { keepPageLines } from './varying.ts';

/** units.HumanDuration's words for an hour or more, with " ago". */
const LONG_AGE = /\b(?:About an hour|\d+ (?:hours|days|weeks|months|years)) ago\b/g;
/** The padding of a table's columns: two spaces or more. */
const PADDING = / {2,}/g;
/** What a masked age or padding becomes (no output line holds these characters). */
const ANY_AGE = '\u0000a';
const ANY_PADDING = '\u0000 ';

/** Whether an output shows an age of an hour or more. */
export function hasLongAge(lines: readonly string[]): boolean {
  return lines.some((l) => new RegExp(LONG_AGE.source).test(l));
}

/** A line with its long ages and (since a table's widths follow them) its paddings masked. */
function ageMask(line: string): string {
  return line.replace(LONG_AGE, ANY_AGE).replace(PADDING, ANY_PADDING);
}

/**
 * What a page shows for a command that printed `actual`: when the output holds an age of an hour
 * or more, each page line that matches the actual line at its place loosely (above) is the page's
 * own; any other line is strata's. Other outputs: `actual`.
 */
export function keepPageAges(page: readonly string[], actual: readonly string[]): string[] {
  if (!hasLongAge(actual) || page.length === 0) return [...actual];
  return keepPageLines(page, actual, ageMask);
}
