// Random shell scripts for the differential test (issue #13): the applets and shell constructs the
// recorded corpus uses (test/recorded/*/shell, shared/conformance*: host-shell-*, bb-*), over a
// few small files in the working directory. Every path is relative, so a script means the same in
// a temporary directory on the real machine and in strata's working directory.
//
// Left out on purpose, each an intended limit of the simulation or a difference of place, not of
// behaviour (the test would only measure the machine):
//  - absolute paths, `pwd`, `$PWD`, `cd` out of the working directory: the directories differ;
//  - `ls -l`, `stat`, `du`, `df`, `date`, `find -newer`, `touch -d`: clock, inode numbers, block
//    counts and owners of a real file system (the recorded corpus covers those on the engines);
//  - `$$`, `$RANDOM`, `env`, `set` without arguments, `ps`, `hostname`, `id`: the process and host;
//  - `sleep`, background jobs, `wait`, signals and traps: strata's clock is not the machine's
//    (docs/compat.md);
//  - reading stdin at the top level: a scenario line's stdin is empty, the test gives /dev/null.
import fc from 'fast-check';
import { awkCommand } from './awk-programs.ts';
import type { Flavour } from './real.ts';

/** Lines the setup writes into the files: words that sort, repeat, match and cut in many ways. */
const LINES = ['apple 3', 'banana 10', 'cherry 2', 'apple 3', 'Apple 1', 'a:b:c', 'x  y', '10', '9', '', 'date 2024-01-02', 'b:a', 'zeta', '-n', 'a\\tb'];
/** Files the statements read and write; `nope` never exists, `d` is a directory. */
const FILES = ['f1', 'f2', 'd/f3', 'nope', 'd', 'd/nope/x'];
// Files given as operands: not `d`, whose read errors strata words as a file operand's; `< d`
// (the shell opens it, the program's read(2) fails with EISDIR) is generated for every filter
// below (src/shell/stdin-errors.ts).
const READABLE = ['f1', 'f2', 'd/f3', 'f1', 'f2', 'nope'];
const NEW = ['n1', 'd/n2', 'f2', 'e', 'e/n3', 'd/e'];
const WORDS = ['a', 'b', 'apple', 'x y', '', '*', 'f*', '10', '-', '--', 'a.b.c', "it's", 'd/f3'];
const PATTERNS = ['a', 'apple', '^a', 'a$', '[0-9]', 'x  y', 'b.', 'A', '^$', 'an*', '\\(a\\)'];

const q = (s: string): string => (/^[A-Za-z0-9_./:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const opt = (s: string): fc.Arbitrary<string> => fc.constantFrom('', s);
const join = (...parts: string[]): string => parts.filter((p) => p !== '').join(' ');
const n = fc.integer({ min: 0, max: 4 }).map(String);

/** `printf` of some of LINES into a file. */
const content = fc.array(pick(LINES), { minLength: 0, maxLength: 6 }).map((ls) => `printf '${ls.map((l) => `${l}\\n`).join('')}'`);

/** A command that reads files (or its stdin in a pipeline, when `files` is false). */
function filter(flavour: Flavour, files: boolean): fc.Arbitrary<string> {
  const f = files ? pick(READABLE).map(q) : fc.constant('');
  const gnu = flavour === 'gnu';
  return fc.oneof(
    f.map((x) => join('cat', x)),
    fc.tuple(fc.subarray(['-r', '-n', '-u'], { maxLength: 2 }), pick(['', '-k2', '-k2,2', '-k1,1', '-t: -k2']), f).map(([o, k, x]) => join('sort', ...o, k, x)),
    fc.tuple(pick(['', '-c', '-d', '-u']), f).map(([o, x]) => join('uniq', o, x)),
    fc.tuple(pick(['-s', '-sd,', '-d:', "-d ''", '-', '- -']), f).map(([o, x]) => join('paste', o, x)),
    fc.tuple(pick(['', '-n 2', '-1', '-c 5', '-n 0']), f).map(([o, x]) => join('head', o, x)),
    fc.tuple(pick(['', '-n 2', '-1', '-c 5', '-n +2']), f).map(([o, x]) => join('tail', o, x)),
    fc.tuple(pick(['', '-l', '-c', '-w']), f).map(([o, x]) => join('wc', o, x)),
    fc.tuple(pick(['-d: -f1', '-d: -f2-', '-c2-4', "-d' ' -f2", '-f1']), f).map(([o, x]) => join('cut', o, x)),
    fc.tuple(pick(['a-z A-Z', '-d a', '-s " "', 'ab xy']), f).map(([o, x]) => `tr ${o}${files ? ` < ${x}` : ''}`),
    fc.tuple(pick(['s/a/X/', 's/a/X/g', '-n 2p', '1d', '$d', 's|/|_|g', '-e s/p/P/ -e s/e/E/', 's/\\(a\\)\\(p\\)/\\2\\1/', '/apple/d']), f).map(
      ([o, x]) => join('sed', o.startsWith('-') ? o.replace(/ (s\/[^ ]*)/g, " '$1'") : `'${o}'`, x),
    ),
    fc.tuple(fc.subarray(['-c', '-v', '-n', '-i', '-w', '-x'], { maxLength: 2 }), pick(['', '-E', '-o', '-q', '-l']), pick(PATTERNS), f)
      // Debian's busybox 1.35 dies of SIGSEGV on `grep -v -o`: a crash of that build, not behaviour.
      .filter(([o, e]) => gnu || !(e === '-o' && o.includes('-v')))
      .map(([o, e, p, x]) => join('grep', ...o, e, q(p), x)),
    ...(gnu ? [f.map((x) => join('tac', x))] : [f.map((x) => join('tac', x)), f.map((x) => join('rev', x))]),
    awkCommand(f),
    fc.tuple(pick(['', '-c', '-x', '-An -tx1', '-b', '-An -c']), f).map(([o, x]) => join('od', o, x)),
  );
}

/** A command that changes or looks at the file tree. */
const fsCommand: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(opt('-p'), pick(NEW)).map(([o, p]) => join('mkdir', o, p)),
  pick(NEW).map((p) => `touch ${p}`),
  fc.tuple(pick(['', '-f', '-r', '-rf']), pick(FILES.concat(NEW))).map(([o, p]) => join('rm', o, p)),
  pick(['d', 'e', 'n1', 'nope', 'd/e']).map((p) => `rmdir ${p}`),
  fc.tuple(opt('-r'), pick(FILES), pick(NEW.concat(['d'])))
    // Not a directory into itself (`cp -r d d`): what gets copied depends on the order in which
    // the real file system lists d while cp adds d/d to it, not on cp.
    .filter(([o, a, b]) => !(o === '-r' && a === 'd' && (b === 'd' || b.startsWith('d/'))))
    .map(([o, a, b]) => join('cp', o, a, b)),
  fc.tuple(pick(FILES.concat(NEW)), pick(NEW.concat(['d']))).map(([a, b]) => `mv ${a} ${b}`),
  fc.tuple(pick(['', '-1', '-a', '-R', '-d']), pick(['', 'd', 'f1', 'nope', 'e', '.'])).map(([o, p]) => join('ls', o, p)),
  fc.tuple(pick(['.', 'd', 'nope']), pick(['', '-type f', '-type d', "-name 'f*'", '-maxdepth 1'])).map(([p, o]) => `find ${join(p, o)} | sort`),
  fc.tuple(pick(['f1', 'nope', '../x']), pick(['l1', 'd/l2', 'f2'])).map(([t, l]) => `ln -s ${t} ${l}`),
  // bash's `[[ ]]` is its parser's; busybox's a builtin given the words split and globbed
  fc.tuple(opt('!'), pick(['-e', '-f', '-d', '-s']), pick(FILES), pick(['', '&&', '||']), pick(['-d d', 'f1', '-z ""'])).map(
    ([neg, o, p, andor, more]) => `[[ ${join(neg, o, p)}${andor === '' ? '' : ` ${andor} ${more}`} ]]`,
  ),
  fc.tuple(pick(['-e', '-f', '-d', '-s', '-L', '-r']), pick(FILES.concat(['l1']))).map(([o, p]) => `test ${o} ${p}`),
  fc.tuple(pick(FILES), pick(NEW)).map(([a, b]) => `cat ${a} > ${b}`),
  fc.tuple(content, pick(['f1', 'f2', 'd/f3', 'n1'])).map(([c, f]) => `${c} > ${f}`),
  fc.tuple(content, pick(['f1', 'f2', 'd/f3'])).map(([c, f]) => `${c} >> ${f}`),
);

/** A command that prints its arguments or computes. */
const printing: fc.Arbitrary<string> = fc.oneof(
  fc.array(pick(WORDS), { maxLength: 3 }).map((ws) => join('echo', ...ws.map(q))),
  fc.array(pick(WORDS), { maxLength: 3 }).map((ws) => join('echo -n', ...ws.map(q))),
  fc.tuple(
    pick(['%s\\n', '%s-%s\\n', '[%5s]\\n', '%d\\n', '%03d|%x\\n', '%%\\n', '%.0f|%.2e\\n', '%g %.20f\\n', '%a|%q\\n', '%u|%10.3f\\n']),
    fc.array(pick(['a', 'b c', '7', '42', '-3', 'x', '2.5', '0.1', '1e-5', '-0x1p3', '9223372036854775808']), { maxLength: 3 }),
  ).map(
    ([fmt, as]) => join('printf', `'${fmt}'`, ...as.map(q)),
  ),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 })).map(([a, b]) => `seq ${a} ${b}`),
  fc.tuple(pick(['1 + 2', '7 / 2', '7 % 3', '3 \\* 4', 'a = a', '2 \\< 10', 'abc : a.']), fc.constant('')).map(([e]) => `expr ${e}`),
  pick(['d/f3', 'a/b/c.txt', 'x', '/', 'a/']).map((p) => `basename ${p}`),
  pick(['d/f3', 'a/b/c.txt', 'x', 'a/']).map((p) => `dirname ${p}`),
  fc.tuple(pick(['1 + 2 * 3', '10 / 3', '10 % 3', '1 << 4', '(2 + 3) * 4', '5 > 3', 'x + 1', '-7 / 2']), fc.constant('')).map(([e]) => `echo $((${e}))`),
  fc.tuple(pick(['hello.tar.gz', 'a/b/c', '', 'x']), pick(['${v%.gz}', '${v%%.*}', '${v#*.}', '${v##*/}', '${#v}', '${u:-def}', '${v:+alt}', '${v:-none}', '"$v"'])).map(
    ([v, e]) => `v=${q(v)}; echo ${e}`,
  ),
  // patterns made of a variable's value: quoted, they are literal text even with glob characters
  // (strata compares such patterns as strings); unquoted, the value's `*`, `?`, `[` are a glob
  fc.tuple(pick(['hello.tar.gz', 'a*b?c', '[x]y', 'a\\b', '', 'abab']), pick(['hello', '.gz', 'a*', '?c', '[x]', 'b', '', 'ab', '\\b'])).chain(([v, w]) =>
    pick(['"${v#"$w"}"', '"${v##"$w"}"', '"${v%"$w"}"', '"${v%%"$w"}"', '"${v#$w}"', '"${v%$w}"', '"${v%"${v#?}"}"', '"${v#"${v%?}"}"']).map((e) => `v=${q(v)}; w=${q(w)}; echo ${e}`),
  ),
  // brace expansion (bash only: busybox sh prints the braces)
  fc.tuple(pick(['a{b,c}d', '{1..4}', '{3..1..2}', '{a..c}', 'x{,y}', '{p,{q,r}}s', '{a}', '{a,b', '"{a,b}"', '{01..3}']), pick(['', 'z{1,2}'])).map(([a, b]) => `echo ${a} ${b}`),
  // several assignments of one command: each sees those before it
  fc.tuple(pick(['1', 'a b', '']), pick(['2', 'x y', '$v$v'])).map(([a, b]) => `v=${q(a)}; v=${b.startsWith('$') ? b : q(b)} w="$v"; echo "[$v] [$w]"`),
  // `[[`: the right side of == a pattern unless quoted (busybox: always), -eq arithmetic (bash)
  fc.tuple(pick(['a', 'apple', 'x y', '', '*', 'a.b.c', '10', '9']), pick(['==', '!=', '=', '-eq', '-lt', '=~']), pick(['a*', '"a*"', '$v', '"$v"', 'a?p*', '*.c', '10', '[a-c]*', "'x y'", 'x\\ y', '^a.'])).map(
    ([v, op, r]) => `v=${q(v)}; [[ $v ${op} ${r} ]]; echo $?`,
  ),
  pick(['true', 'false', ':', '[ a = a ]', '[ 1 -lt 2 ]', '[ -z "" ]', '[ x != x ]', '[ 3 -gt 20 ]', 'test -n ""']),
  // bc (not 1/0: GNU's message names an address in its compiled program, refused by strata)
  pick(['1+2', 'scale=2; 10/3', '2^10', '7%3', '-3/2', 'scale=3; sqrt(2)', 'x=5; x*2; x', '1.5*2', '0.1+0.2', '2^70', '3>2; 2==3', 'scale=2; 5.5%2', 'foo(']).map((e) => `echo '${e}' | bc`),
);

/** One simple command, maybe with a redirection. */
function simple(flavour: Flavour): fc.Arbitrary<string> {
  const base = fc.oneof({ weight: 3, arbitrary: filter(flavour, true) }, { weight: 3, arbitrary: fsCommand }, { weight: 2, arbitrary: printing });
  return fc.tuple(base, pick(['', '', '', ' 2>&1', ' 2>/dev/null', ' > out', ' >> out', ' 2> err'])).map(([c, r]) => (r === '' || /[|;]/.test(c) ? c : c + r));
}

/**
 * A pipeline: a command, then filters reading its output. Each element but the last sends its
 * stderr down the pipe (`{ ...; } 2>&1`): the elements run at once on a real machine, so an early
 * one's message and a later one's output reach the terminal in either order (seeds 14 and
 * 20261205 failed that way on a loaded machine); down the pipe, the message is the next one's data.
 */
function pipeline(flavour: Flavour): fc.Arbitrary<string> {
  return fc
    .tuple(fc.oneof(simple(flavour), printing), fc.array(filter(flavour, false), { minLength: 1, maxLength: 3 }))
    .map(([a, fs]) => [a, ...fs].map((c, i, all) => (i < all.length - 1 ? `{ ${c}; } 2>&1` : c)).join(' | '));
}

/** A statement: a simple command, a pipeline or a compound command holding some. */
function statement(flavour: Flavour): fc.Arbitrary<string> {
  const { stmt } = fc.letrec<{ stmt: string; leaf: string }>((tie) => ({
    leaf: fc.oneof({ weight: 4, arbitrary: simple(flavour) }, { weight: 2, arbitrary: pipeline(flavour) }),
    stmt: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 6, arbitrary: tie('leaf') },
      { weight: 1, arbitrary: fc.tuple(tie('leaf'), pick(['&&', '||']), tie('leaf')).map(([a, op, b]) => `${a} ${op} ${b}`) },
      { weight: 1, arbitrary: tie('leaf').map((a) => `! ${a}; echo rc=$?`) },
      { weight: 1, arbitrary: fc.tuple(tie('leaf'), tie('stmt'), tie('stmt')).map(([c, a, b]) => `if ${c}; then ${a}; else ${b}; fi`) },
      { weight: 1, arbitrary: fc.tuple(fc.array(pick(WORDS), { minLength: 1, maxLength: 3 }), tie('stmt')).map(([ws, s]) => `for w in ${ws.map(q).join(' ')}; do echo "<$w>"; ${s}; done`) },
      { weight: 1, arbitrary: fc.tuple(pick(['f1', 'f2', 'nope', 'd']), pick(['echo "$b-$a"', 'echo "[$a]"', 'test -n "$b" && echo "$b"'])).map(([f, body]) => `while read a b; do ${body}; done < ${f}`) },
      // A directory as standard input: the shell opens it, the program's reads fail.
      { weight: 1, arbitrary: fc.oneof(filter(flavour, false), printing).map((c) => `${c} < d`) },
      { weight: 1, arbitrary: fc.tuple(pick(WORDS), tie('stmt')).map(([w, s]) => `case ${q(w)} in a*) echo A;; [0-9]*) ${s};; "") echo empty;; *) echo other;; esac`) },
      { weight: 1, arbitrary: fc.tuple(tie('stmt'), n).map(([s, k]) => `(${s}; exit ${k}); echo sub=$?`) },
      // Into g, which nothing reads: a group writing a file it also reads (`while read ...; done <
      // f2` inside `{ ...; } > f2`) reads its own output forever on a real system.
      { weight: 1, arbitrary: fc.tuple(tie('leaf'), tie('leaf')).map(([a, b]) => `{ ${a}; ${b}; } > g; cat g`) },
      // Nested redirections to the same file: two descriptors of g, each with its own offset (an
      // inner `>` truncates under the outer one, which writes on at its offset; `>>` appends).
      {
        weight: 1,
        arbitrary: fc
          .tuple(tie('leaf'), tie('leaf'), tie('leaf'), pick(['>', '>>']), pick(['>', '>>']))
          .map(([a, b, c, outer, inner]) => `{ ${a}; { ${b}; } ${inner} g; ${c}; } ${outer} g; cat g`),
      },
      { weight: 1, arbitrary: tie('leaf').map((a) => `x=$(${a}); echo "[$x]"`) },
      { weight: 1, arbitrary: fc.tuple(tie('stmt'), n).map(([s, k]) => `fn() { ${s}; return ${k}; }; fn; echo rc=$?`) },
      // a readonly variable and what each shell does to an assignment to it (src/shell/declarations.ts),
      // in a subshell: ash and dash exit there, bash abandons the subshell's line
      { weight: 1, arbitrary: readonlyStatement(flavour) },
      { weight: 1, arbitrary: fc.array(pick(WORDS), { maxLength: 3 }).map((ws) => `set -- ${ws.map(q).join(' ')}; echo $#; for a in "$@"; do echo "[$a]"; done; echo "$*"`) },
      { weight: 1, arbitrary: fc.tuple(tie('leaf')).map(([a]) => `${a}; echo rc=$?`) },
      // bash's arithmetic command; ash reads `((` as two subshells running the expression's first
      // word (`sh: 1: not found`, a `>` in it a redirection). An empty one is ash's syntax error,
      // which would end the script: bash only.
      {
        weight: 1,
        arbitrary: pick(['1 + 2', '0', 'x = 3, x * 2', '5 > 3', '1 / 0', 'y++', '"1" + 2', '2 ** 3 - 8', ...(flavour === 'gnu' ? [''] : [])]).map((e) => `(( ${e} )); echo rc=$? x=$x y=$y`),
      },
      // bash's for (( ;; )): ash refuses the whole script ("bad for loop variable"). In a subshell,
      // so that a loop nested in its body counts its own i: sharing the outer one, an inner loop
      // that leaves i below the outer bound restarts the outer loop forever (seeds 5 and 7 ran
      // until the real side's timeout).
      ...(flavour === 'gnu'
        ? [
            {
              weight: 1,
              arbitrary: fc
                .tuple(n, pick(['i++', 'i += 2', '', 'i++, j--']), tie('stmt'))
                .map(([k, step, s]) => `(for (( i = 0; i < ${k}; ${step} )); do echo "<$i>"; ${step === '' ? 'i=$((i + 1)); ' : ''}${s}; done); echo rc=$?`),
            },
          ]
        : []),
    ),
  }));
  return stmt;
}

/**
 * `readonly r=WORD` and an assignment, export, unset, local, read, for, expansion or listing that
 * meets it (bash's readonly listing is refused: it shows PPID, whose value strata does not keep).
 */
function readonlyStatement(flavour: Flavour): fc.Arbitrary<string> {
  const uses = [
    'r=2',
    'r=2 true',
    'r=2 echo hi',
    'export r=3',
    'export r',
    'readonly r=4',
    'unset r',
    'for r in a b; do echo "<$r>"; done',
    'f() { local r=1; echo "local $?"; }; f',
    'echo v | { read r; echo "read $?"; }',
    'echo $((r=3))',
    ': ${r:=3}',
    'eval r=2',
    'q=1 r=2',
    ...(flavour === 'gnu' ? ['declare -p r', 'f() { local -r s=1; s=2; }; f'] : ['readonly -p']),
  ];
  return fc
    .tuple(pick(['1', 'x y', '', "it's"]), pick(uses), pick(uses))
    .map(([v, a, b]) => `(readonly r=${q(v)}; echo "[$r]"; ${a}; echo "a $?"; ${b}; echo "b $? [$r]"); echo rc=$?`);
}

export interface Script {
  /** The files the script starts with. */
  setup: string[];
  /** The random statements. */
  body: string[];
}

/** The script text: the setup, the statements, then what the tree holds at the end. */
export function scriptText(s: Script): string {
  return [...s.setup, ...s.body, ...DUMP].join('\n') + '\n';
}

// What the tree holds at the end, then the status of the last statement. (The file names the
// statements make have no spaces or globbing characters.)
// `head` of several files heads each with its name, in one process: real processes are the cost.
const DUMP = ['st=$?', 'echo "-- $st"', 'find . | sort', 'head -n 99 $(find . -type f | sort) /dev/null', 'exit $st'];

export function scripts(flavour: Flavour): fc.Arbitrary<Script> {
  const setup = fc.tuple(content, content, content).map(([a, b, c]) => ['mkdir d', `${a} > f1`, `${b} > f2`, `${c} > d/f3`]);
  return fc.record({ setup, body: fc.array(statement(flavour), { minLength: 1, maxLength: 5 }) });
}
