// busybox's DATE argument of `touch -d` / `touch -t` (libbb/time.c parse_datestr, as touch.c
// calls it): the fields start as the current local time and the argument overwrites only those
// it names, so `touch -d 2001-01-01` keeps the time of day and `-d '2001-01-01 10:20'` the
// seconds (fs/dir-mtime, both engines: the time of day of a date-only `-d` is the hour of `date`).
// Containers run in UTC, so local time is UTC here. GNU touch (the host) parses dates its own way.
//
// The forms, tried in parse_datestr's order:
//   with a colon:  HH:MM  mm.dd-HH:MM  yyyy.mm.dd-HH:MM  yyyy-mm-dd HH:MM  (each may end in :SS)
//   with a dash:   yyyy-mm-dd HH  yyyy-mm-dd
//   @SECONDS
//   digits (touch -t): [[[[cc]yy]mm]dd]HH]MM[.SS], seconds 0 unless given; a two-digit year is
//   put within 50 years of the current one.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Broken-down UTC time, months 0-11, as struct tm keeps it (year in full here). */
interface Tm {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
}

function tmOf(seconds: number): Tm {
  const d = new Date(seconds * 1000);
  return { year: d.getUTCFullYear(), mon: d.getUTCMonth(), mday: d.getUTCDate(), hour: d.getUTCHours(), min: d.getUTCMinutes(), sec: d.getUTCSeconds() };
}

/**
 * Each field within strptime's ranges (month 1-12, day 1-31, hour 0-23, minute 0-59, second
 * 0-61: `2001-13-01`, `24:00` and `04:05:62` are invalid dates), then mktime, which carries over
 * what is left (February 30 is March 2, second 60 the next minute). Recorded, both engines.
 */
function secondsOf(tm: Tm): number | undefined {
  if (tm.mon < 0 || tm.mon > 11 || tm.mday < 1 || tm.mday > 31 || tm.hour > 23 || tm.min > 59 || tm.sec > 61) return undefined;
  return Math.floor(Date.UTC(tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec) / 1000);
}

/**
 * C's sscanf for a format of `%u` and literal characters, ending in `%c`: the numbers it read
 * before the first mismatch, and the character after a full match ('' when the input ended
 * there, as parse_datestr's `end` stays NUL). A space in the format matches any run of spaces.
 */
function scan(input: string, format: string): { nums: number[]; end: string } {
  const nums: number[] = [];
  let i = 0;
  for (let f = 0; f < format.length - 2; f++) {
    const c = format[f];
    if (c === '%') {
      f++;
      const m = /^\s*\d+/.exec(input.slice(i));
      if (m === null) return { nums, end: '' };
      nums.push(Number(m[0].trim()));
      i += m[0].length;
    } else if (c === ' ') {
      while (input[i] === ' ' || input[i] === '\t') i++;
    } else if (input[i] === c) i++;
    else return { nums, end: '' };
  }
  return { nums, end: input[i] ?? '' };
}

/** Fixed-width digit fields (`%2u%2u...`), each at most `width` digits, then the rest. */
function digits(input: string, widths: number[]): { nums: number[]; end: string } | undefined {
  const nums: number[] = [];
  let i = 0;
  for (const w of widths) {
    const m = new RegExp(`^\\d{1,${w}}`).exec(input.slice(i));
    if (m === null) return undefined;
    nums.push(Number(m[0]));
    i += m[0].length;
  }
  return { nums, end: input[i] ?? '' };
}

/** The time busybox touch sets for DATE at `now` (seconds), or undefined: `invalid date 'DATE'`. */
export function busyboxDate(date: string, now: number): number | undefined {
  const tm = tmOf(now);
  let end = '';
  if (date.includes(':')) {
    let r = scan(date, '%u:%u%c');
    if (r.nums.length >= 2) [tm.hour, tm.min] = r.nums;
    else if ((r = scan(date, '%u.%u-%u:%u%c')).nums.length >= 4) [tm.mon, tm.mday, tm.hour, tm.min] = [r.nums[0] - 1, r.nums[1], r.nums[2], r.nums[3]];
    else if ((r = scan(date, '%u.%u.%u-%u:%u%c')).nums.length >= 5 || (r = scan(date, '%u-%u-%u %u:%u%c')).nums.length >= 5) {
      [tm.year, tm.mon, tm.mday, tm.hour, tm.min] = [r.nums[0], r.nums[1] - 1, r.nums[2], r.nums[3], r.nums[4]];
    } else {
      // strptime "%b %d %T %Y" (what GNU date prints): a month name, full or abbreviated
      const m = /^\s*([a-z]+)\s+(\d{1,2})\s+(\d{1,2}):(\d{1,2}):(\d{1,2})\s+(\d+)\s*$/i.exec(date);
      const mon = m === null ? -1 : MONTHS.findIndex((name) => m[1].length >= 3 && name.startsWith(m[1].toLowerCase()) && (m[1].length === 3 || m[1].length === name.length));
      if (m === null || mon < 0) return undefined;
      return secondsOf({ year: Number(m[6]), mon, mday: Number(m[2]), hour: Number(m[3]), min: Number(m[4]), sec: Number(m[5]) });
    }
    end = r.end;
    if (end === ':') {
      const s = /^\s*(\d+)(.?)/.exec(date.slice(date.lastIndexOf(':') + 1));
      if (s !== null && s[2] === '') {
        tm.sec = Number(s[1]);
        end = '';
      }
    }
  } else if (date.includes('-')) {
    let r = scan(date, '%u-%u-%u %u%c');
    if (r.nums.length >= 4) tm.hour = r.nums[3];
    else if ((r = scan(date, '%u-%u-%u%c')).nums.length < 3) return undefined;
    [tm.year, tm.mon, tm.mday] = [r.nums[0], r.nums[1] - 1, r.nums[2]];
    end = r.end;
  } else if (date.startsWith('@')) {
    const n = /^@\s*([+-]?\d+)$/.exec(date);
    return n === null ? undefined : Number(n[1]);
  } else {
    const dot = date.indexOf('.');
    const len = dot < 0 ? date.length : dot;
    let r: { nums: number[]; end: string } | undefined;
    if (len === 2 && (r = digits(date, [2])) !== undefined) [tm.min] = r.nums;
    else if (len === 4 && (r = digits(date, [2, 2])) !== undefined) [tm.hour, tm.min] = r.nums;
    else if (len === 6 && (r = digits(date, [2, 2, 2])) !== undefined) [tm.mday, tm.hour, tm.min] = r.nums;
    else if (len === 8 && (r = digits(date, [2, 2, 2, 2])) !== undefined) [tm.mon, tm.mday, tm.hour, tm.min] = [r.nums[0] - 1, r.nums[1], r.nums[2], r.nums[3]];
    else if (len === 10 && (r = digits(date, [2, 2, 2, 2, 2])) !== undefined) {
      const current = tm.year - 1900;
      let year = r.nums[0];
      if (current >= 50) {
        year += Math.floor(current / 100) * 100;
        if (year < current - 50) year += 100;
        if (year > current + 50) year -= 100;
      }
      [tm.year, tm.mon, tm.mday, tm.hour, tm.min] = [year + 1900, r.nums[1] - 1, r.nums[2], r.nums[3], r.nums[4]];
    } else if (len === 12 && (r = digits(date, [4, 2, 2, 2, 2])) !== undefined) {
      [tm.year, tm.mon, tm.mday, tm.hour, tm.min] = [r.nums[0], r.nums[1] - 1, r.nums[2], r.nums[3], r.nums[4]];
    } else return undefined;
    tm.sec = 0;
    end = r.end;
    if (end === '.') {
      const s = /^(\d+)$/.exec(date.slice(dot + 1));
      if (s !== null) {
        tm.sec = Number(s[1]);
        end = '';
      }
    }
  }
  return end === '' ? secondsOf(tm) : undefined;
}
