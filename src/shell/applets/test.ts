// test and [: POSIX unary/binary file, string and integer tests, ! -a -o and parentheses.

import { join } from '../../fs/path.ts';
import type { Stat, Vfs } from '../../fs/vfs.ts';
import type { Applet } from '../types.ts';
import type { Ctx } from './util.ts';
import { globToRegex } from './glob.ts';
import { RegexError, compileRegex, regcompRejects } from './regex.ts';

class TestError extends Error {}

const UNARY = new Set(['-e', '-f', '-d', '-L', '-h', '-s', '-r', '-w', '-x', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-z', '-n', '-t', '-O', '-G', '-a']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/**
 * A unary file test (`-e` `-f` `-d` `-r` ...) of path `a` seen from `cwd`, or undefined when `op`
 * is none: shared by test/[ and bash's `[[ ... ]]`.
 */
export function fileTest(fs: Vfs, cwd: string, op: string, a: string): boolean | undefined {
  const statOf = (p: string, follow = true): Stat | undefined => {
    if (p === '') return undefined;
    try {
      const ap = join(cwd, p);
      return follow ? fs.statIfAny(ap) : fs.lstatIfAny(ap);
    } catch {
      return undefined;
    }
  };
  const access = (st: Stat | undefined, bit: number): boolean => {
    if (!st) return false;
    const uid = fs.uid;
    if (uid === 0) return bit !== 1 || st.kind === 'dir' || (st.mode & 0o111) !== 0;
    if (st.uid === uid) return (st.mode & (bit << 6)) !== 0;
    if (st.gid === fs.gid) return (st.mode & (bit << 3)) !== 0;
    return (st.mode & bit) !== 0;
  };
  switch (op) {
    case '-e':
    case '-a':
      return statOf(a) !== undefined;
    case '-f':
      return statOf(a)?.kind === 'file';
    case '-d':
      return statOf(a)?.kind === 'dir';
    case '-L':
    case '-h':
      return statOf(a, false)?.kind === 'symlink';
    case '-s': {
      // A directory's size is never 0 on Linux (ext4 and overlayfs 4096, tmpfs its entries).
      const st = statOf(a);
      return st !== undefined && (st.kind === 'dir' || st.size > 0);
    }
    case '-r':
      return access(statOf(a), 4);
    case '-w':
      return access(statOf(a), 2);
    case '-x':
      return access(statOf(a), 1);
    case '-c':
      return statOf(a)?.kind === 'chardev';
    case '-S':
      return statOf(a)?.kind === 'socket';
    case '-p':
      return statOf(a)?.kind === 'fifo';
    case '-b':
      return false;
    case '-g':
      return ((statOf(a)?.mode ?? 0) & 0o2000) !== 0;
    case '-u':
      return ((statOf(a)?.mode ?? 0) & 0o4000) !== 0;
    case '-k':
      return ((statOf(a)?.mode ?? 0) & 0o1000) !== 0;
    case '-O':
      return statOf(a)?.uid === fs.uid;
    case '-G':
      return statOf(a)?.gid === fs.gid;
  }
  return undefined;
}

/** `-nt` `-ot` `-ef` of two paths seen from `cwd`. */
export function fileCompare(fs: Vfs, cwd: string, op: '-nt' | '-ot' | '-ef', a: string, b: string): boolean {
  const statOf = (p: string): Stat | undefined => {
    try {
      return p === '' ? undefined : fs.statIfAny(join(cwd, p));
    } catch {
      return undefined;
    }
  };
  if (op === '-ef') {
    try {
      return a !== '' && b !== '' && fs.realpath(join(cwd, a)) === fs.realpath(join(cwd, b));
    } catch {
      return false;
    }
  }
  const x = statOf(a);
  const y = statOf(b);
  if (op === '-nt') return x !== undefined && (y === undefined || x.mtime > y.mtime);
  return y !== undefined && (x === undefined || x.mtime < y.mtime);
}

/** busybox's `[[`: a bad regular expression after `=~` ends the test with status 2 and no message (test.c binop). */
class SilentError extends Error {}

function evalTest(ctx: Ctx, prog: string, args: string[]): boolean {
  const gnu = ctx.flavor === 'gnu';
  // busybox's `[[ ... ]]` (BASH_TEST2, coreutils/test.c): `&&` and `||` instead of `-a` and `-o`
  // (which are plain operands there), `=`/`==`/`!=` match the right side as an fnmatch pattern,
  // `=~` as an extended regular expression. ash has passed it the words split and globbed.
  const bt2 = prog === '[[';
  const AND = bt2 ? '&&' : '-a';
  const OR = bt2 ? '||' : '-o';
  const isBinary = (op: string | undefined): boolean => op !== undefined && (BINARY.has(op) || (bt2 && op === '=~'));
  // bash's builtin words its errors differently from coreutils' test program
  const bash = gnu && ctx.builtin !== undefined;
  const toInt = (s: string): bigint => {
    const t = s.trim();
    if (!/^[-+]?\d+$/.test(t)) {
      // busybox test.c syntax(op, msg): the operand and a colon only when it is not empty
      // (recorded: compose/tut-profile-run-and-deps, `test "" -gt 5` is `sh: bad number`)
      throw new TestError(bash ? `${s}: integer expression expected` : gnu ? `invalid integer '${s}'` : s === '' ? 'bad number' : `${s}: bad number`);
    }
    return BigInt(t);
  };
  const unary = (op: string, a: string): boolean => {
    switch (op) {
      case '-z':
        return a === '';
      case '-n':
        return a !== '';
      case '-t': {
        // isatty(N): a `-t` container's (or exec's) terminal is on fds 0, 1 and 2
        const fd = toInt(a);
        return fd >= 0n && fd < 1024n && (ctx.isatty?.(Number(fd)) ?? false);
      }
    }
    const r = fileTest(ctx.fs, ctx.cwd, op, a);
    if (r === undefined) throw new TestError(`${op}: unknown operand`);
    return r;
  };
  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case '=':
      case '==':
        return bt2 ? globToRegex(b).test(a) : a === b;
      case '!=':
        return bt2 ? !globToRegex(b).test(a) : a !== b;
      case '=~': {
        if (regcompRejects(b)) throw new SilentError();
        let re: RegExp;
        try {
          re = compileRegex(b, true);
        } catch (e) {
          if (e instanceof RegexError) throw new SilentError();
          throw e;
        }
        return re.test(a);
      }
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '-eq':
        return toInt(a) === toInt(b);
      case '-ne':
        return toInt(a) !== toInt(b);
      case '-lt':
        return toInt(a) < toInt(b);
      case '-le':
        return toInt(a) <= toInt(b);
      case '-gt':
        return toInt(a) > toInt(b);
      case '-ge':
        return toInt(a) >= toInt(b);
      case '-nt':
      case '-ot':
      case '-ef':
        return fileCompare(ctx.fs, ctx.cwd, op, a, b);
    }
    throw new TestError(`${op}: unknown operand`);
  };

  // POSIX special cases by argument count
  const byCount = (list: string[]): boolean | undefined => {
    switch (list.length) {
      case 0:
        return false;
      case 1:
        return list[0] !== '';
      case 2:
        if (list[0] === '!') return list[1] === '';
        if (UNARY.has(list[0])) return unary(list[0], list[1]);
        return undefined;
      case 3:
        if (isBinary(list[1])) return binary(list[0], list[1], list[2]);
        if (list[1] === AND || list[1] === OR || list[1] === '-a' || list[1] === '-o') return undefined;
        if (list[0] === '!') {
          const r = byCount(list.slice(1));
          return r === undefined ? undefined : !r;
        }
        if (list[0] === '(' && list[2] === ')') return list[1] !== '';
        return undefined;
      case 4:
        if (list[0] === '!') {
          const r = byCount(list.slice(1));
          return r === undefined ? undefined : !r;
        }
        if (list[0] === '(' && list[3] === ')') return byCount(list.slice(1, 3));
        return undefined;
    }
    return undefined;
  };
  const simple = byCount(args);
  if (simple !== undefined) return simple;
  if (args.length === 2) {
    // busybox reads `1 -lt` as a binary test missing its right side, and anything else as an
    // operand followed by one too many (`[ -q x ]`, `[ a b ]`: `x: unknown operand`)
    // (`[ a -a ]`: an and without its right side)
    if (!gnu) throw new TestError(isBinary(args[1]) ? `${args[1]}: argument expected` : args[1] === AND || args[1] === OR ? 'argument expected' : `${args[1]}: unknown operand`);
    if (args[0].startsWith('-') && args[0].length === 2) throw new TestError(`${args[0]}: unary operator expected`);
    throw new TestError(bash ? `${args[0]}: unary operator expected` : `'${args[0]}': unary operator expected`);
  }

  let pos = 0;
  const orExpr = (): boolean => {
    let v = andExpr();
    while (args[pos] === OR) {
      pos++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = notExpr();
    while (args[pos] === AND) {
      pos++;
      const r = notExpr();
      v = v && r;
    }
    return v;
  };
  const notExpr = (): boolean => {
    if (args[pos] === '!') {
      pos++;
      return !notExpr();
    }
    return primary();
  };
  const primary = (): boolean => {
    const a = args[pos];
    if (a === undefined) throw new TestError(gnu ? "argument expected" : 'argument expected');
    if (a === '(') {
      pos++;
      const v = orExpr();
      if (args[pos] !== ')') throw new TestError(gnu ? `')' expected` : 'closing paren expected');
      pos++;
      return v;
    }
    if (isBinary(args[pos + 1]) && pos + 2 < args.length) {
      pos += 3;
      return binary(a, args[pos - 2], args[pos - 1]);
    }
    if (UNARY.has(a) && !(bt2 && a === '-a') && pos + 1 < args.length) {
      pos += 2;
      return unary(a, args[pos - 1]);
    }
    pos++;
    return a !== '';
  };
  const v = orExpr();
  if (pos < args.length) {
    throw new TestError(gnu ? `extra argument '${args[pos]}'` : `${args[pos]}: unknown operand`);
  }
  void prog;
  return v;
}

function testImpl(ctx: Ctx, prog: string, argsIn: string[]): number {
  const gnu = ctx.flavor === 'gnu';
  // As an ash builtin the message is `sh: MSG` (busybox's applet name is the shell's); bash's
  // builtin says `bash: line N: [: MSG`; the program alone says `[: MSG`.
  const report = (msg: string): void => {
    const b = ctx.builtin;
    ctx.stderr(b ? (gnu ? `${b.errorPrefix}${prog}: ${msg}\n` : `${b.errorPrefix}${msg}\n`) : `${prog}: ${msg}\n`);
  };
  let args = argsIn;
  if (prog === '[') {
    if (args[args.length - 1] !== ']') {
      report(!gnu ? 'missing ]' : ctx.builtin ? "missing `]'" : "missing ']'");
      return 2;
    }
    args = args.slice(0, -1);
  } else if (prog === '[[') {
    if (args[args.length - 1] !== ']]') {
      report('missing ]]');
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(ctx, prog, args) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      report(e.message);
      return 2;
    }
    if (e instanceof SilentError) return 2;
    throw e;
  }
}

export const test: Applet = (ctx, args) => testImpl(ctx, 'test', args);
export const bracket: Applet = (ctx, args) => testImpl(ctx, '[', args);
/** busybox's `[[` (an ash builtin and an applet; bash's `[[ ... ]]` is its parser's, see interpreter.ts). */
export const doubleBracket: Applet = (ctx, args) => testImpl(ctx, '[[', args);
