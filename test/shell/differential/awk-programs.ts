// awk programs for the shell differential test, from a small grammar of what tutorials write:
// options (-F, -v), a BEGIN that sets a separator, a pattern with an action, an END that reports
// (for-in included: strata walks mawk's and busybox's own hash tables, so the order is theirs).
// Every program reads the files or the pipe the statement gives it. Left out: rand() (refused by
// strata), `^` and the math functions in the container (busybox's build has none: both print
// the same error, kept in test/shell/applets/awk.test.ts instead of in every other script).
import fc from 'fast-check';

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);

const OPTIONS = ['', '', '-F:', "-F' '", '-F,', '-v x=1', "-v 'OFS=|'", '-F: -v n=2'];
const BEGINS = ['', '', 'BEGIN { OFS = "-" } ', 'BEGIN { FS = ":" } ', 'BEGIN { printf "start\\n" } ', 'BEGIN { n = 0; s = "" } '];
const PATTERNS = ['', '', 'NR == 1 ', 'NR > 1 ', '/a/ ', '$1 ~ /^[0-9]/ ', '!seen[$0]++ ', 'NF ', '$2 > 2 ', 'length($0) > 3 ', '$1 == "apple" ', 'NR % 2 ', '/^$/ ', '$NF !~ /[0-9]/ '];
const ACTIONS = [
  'print',
  'print $1',
  'print $NF',
  'print NR, NF',
  'print $1, $2',
  'printf "%s|%d\\n", $1, $2',
  'printf "%-6s:%5.1f:%c\\n", $1, $2, $1',
  'n++',
  's += $2',
  'a[$1]++',
  'a[$1] = a[$1] " " $2',
  'sub(/a/, "X"); print',
  'gsub(/[0-9]/, "#"); print',
  'print length($0), length($1)',
  'print toupper($1) tolower($2)',
  'print substr($0, 2, 3) "|" substr($1, 0)',
  '$2 = "Z"; print; print NF',
  'NF = 1; print',
  'print index($0, "a"), match($0, /[0-9]+/), RSTART, RLENGTH',
  'k = split($0, p, ":"); print k, p[1], p[k]',
  'print $1 + 0, $2 * 2, -$1',
  'print ($1 < $2), ($1 == $1 + 0)',
  'if ($2 > 2) print "big", $2; else print "small"',
  'for (i = NF; i > 0; i--) printf "%s ", $i; print ""',
  'x = $1; sub(/p+/, "[&]", x); print x, $0',
  'print $1 > "o1"',
  'print $0 | "sort"',
  'next',
  'print $3 "." $2',
  'print (NR > 1 ? "more" : "first"), $1',
];
const ENDS = [
  '',
  '',
  'END { print NR }',
  'END { print n + 0, s + 0 }',
  'END { for (k in a) print k, a[k] }',
  'END { printf "%.2f\\n", s / NR }',
  'END { print $0, NF }',
  'END { n = 0; for (k in seen) n++; print n }',
  'END { close("o1"); while ((getline l < "o1") > 0) print "o1:", l }',
];

/** `awk ...` reading `files` (a quoted list, or '' for standard input). */
export function awkCommand(files: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(pick(OPTIONS), pick(BEGINS), pick(PATTERNS), fc.option(pick(ACTIONS), { nil: undefined, freq: 5 }), pick(ENDS), files)
    .map(([o, b, p, a, e, f]) => {
      // a pattern with no action prints the record; an empty program (no pattern either) prints nothing
      const rule = a === undefined ? (p === '' ? '' : p.trim()) : `${p}{ ${a} }`;
      const prog = [b.trim(), rule, e].filter((x) => x !== '').join(' ');
      const text = prog === '' ? 'BEGIN { }' : prog;
      return ['awk', o, `'${text.replace(/'/g, `'\\''`)}'`, f].filter((x) => x !== '').join(' ');
    });
}
