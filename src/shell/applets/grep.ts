// grep (and egrep/fgrep): BRE by default, -E, -F, -c -v -i -q -l -L -n -o -x -w -h -H -r -s -m -e -f -A -B -C.

import { join } from '../../fs/path.ts';
import type { Applet } from '../types.ts';
import { type Ctx, Out, abs, errText, parseOpts, warn } from './util.ts';
import { escapeRegex } from './glob.ts';
import { RegexError, breToJs, ereToJs } from './regex.ts';

function grepImpl(ctx: Ctx, args: string[], mode: 'G' | 'E' | 'F'): number {
  const opts = parseOpts(ctx, 'grep', args, {
    short: 'cviEFGqlLnoxwhHrRsm:e:f:A:B:C:iyZz',
    long: {
      count: { key: 'c' },
      'invert-match': { key: 'v' },
      'ignore-case': { key: 'i' },
      'extended-regexp': { key: 'E' },
      'fixed-strings': { key: 'F' },
      'basic-regexp': { key: 'G' },
      quiet: { key: 'q' },
      silent: { key: 'q' },
      'files-with-matches': { key: 'l' },
      'files-without-match': { key: 'L' },
      'line-number': { key: 'n' },
      'only-matching': { key: 'o' },
      'line-regexp': { key: 'x' },
      'word-regexp': { key: 'w' },
      'no-filename': { key: 'h' },
      'with-filename': { key: 'H' },
      recursive: { key: 'r' },
      'no-messages': { key: 's' },
      'max-count': { key: 'm', arg: 'required' },
      regexp: { key: 'e', arg: 'required' },
      file: { key: 'f', arg: 'required' },
      'after-context': { key: 'A', arg: 'required' },
      'before-context': { key: 'B', arg: 'required' },
      context: { key: 'C', arg: 'required' },
      color: { key: 'COLOR', arg: 'optional' },
      colour: { key: 'COLOR', arg: 'optional' },
    },
  });
  if (!opts) return 2;
  const gnu = ctx.flavor === 'gnu';
  const operands = [...opts.operands];
  let patterns: string[] = [];
  for (const e of opts.all('e')) patterns.push(...e.split('\n'));
  for (const f of opts.all('f')) {
    try {
      const text = f === '-' ? ctx.stdin : ctx.fs.readFile(abs(ctx, f));
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      patterns.push(...lines);
    } catch (e) {
      warn(ctx, 'grep', `${f}: ${errText(e)}`);
      return 2;
    }
  }
  if (!opts.has('e') && !opts.has('f')) {
    if (operands.length === 0) {
      if (gnu) {
        ctx.stderr('Usage: grep [OPTION]... PATTERNS [FILE]...\n');
        ctx.stderr("Try 'grep --help' for more information.\n");
      } else ctx.stderr('Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n');
      return 2;
    }
    patterns = operands.shift()!.split('\n');
  }
  for (const k of opts.order) {
    if (k === 'E' || k === 'F' || k === 'G') mode = k;
  }
  const icase = opts.has('i') || opts.has('y');
  let re: RegExp;
  try {
    const parts = patterns.map((p) => (mode === 'F' ? escapeRegex(p) : mode === 'E' ? ereToJs(p) : breToJs(p)));
    let src = parts.length === 1 ? parts[0] : parts.map((p) => `(?:${p})`).join('|');
    if (patterns.length === 0) src = '(?!)';
    if (opts.has('x')) src = `^(?:${src})$`;
    else if (opts.has('w')) src = `(?<![0-9A-Za-z_])(?:${src})(?![0-9A-Za-z_])`;
    re = new RegExp(src, icase ? 'gi' : 'g');
  } catch (e) {
    const msg = e instanceof RegexError ? e.message : 'Invalid regular expression';
    if (gnu) warn(ctx, 'grep', msg);
    else warn(ctx, 'grep', `bad regex '${patterns.join('\n')}': ${msg}`);
    return 2;
  }
  const recursive = opts.has('r') || opts.has('R');
  const implicitDot = operands.length === 0 && recursive && gnu;
  if (operands.length === 0) operands.push(recursive ? '.' : '-');
  const multi = operands.length > 1 || recursive;
  const showName = opts.has('H') || (multi && !opts.has('h'));
  const invert = opts.has('v');
  const quiet = opts.has('q');
  const maxCount = opts.has('m') ? Number(opts.get('m')) : Infinity;
  const after = Number(opts.get('A') ?? opts.get('C') ?? '0');
  const before = Number(opts.get('B') ?? opts.get('C') ?? '0');
  const out = new Out(ctx);
  let matchedAny = false;
  let error = false;
  const stdinName = '(standard input)';

  const matches = (line: string): boolean => {
    re.lastIndex = 0;
    return re.test(line);
  };

  const grepData = (name: string, data: string): void => {
    const lines = data.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let count = 0;
    const prefix = showName ? name + ':' : '';
    let lastPrinted = -1;
    let afterLeft = 0;
    for (let i = 0; i < lines.length; i++) {
      if (count >= maxCount) break;
      const line = lines[i];
      const hit = matches(line) !== invert;
      if (!hit) {
        if (afterLeft > 0 && !quiet && !opts.has('c') && !opts.has('l') && !opts.has('L')) {
          out.line(`${showName ? name + '-' : ''}${opts.has('n') ? `${i + 1}-` : ''}${line}`);
          lastPrinted = i;
          afterLeft--;
        }
        continue;
      }
      count++;
      matchedAny = true;
      if (quiet) return;
      if (opts.has('l') || opts.has('L')) break;
      if (opts.has('c')) continue;
      if ((before > 0 || after > 0) && lastPrinted >= 0 && i - before > lastPrinted + 1) out.line('--');
      for (let j = Math.max(lastPrinted + 1, i - before); j < i; j++) {
        out.line(`${showName ? name + '-' : ''}${opts.has('n') ? `${j + 1}-` : ''}${lines[j]}`);
      }
      const ln = opts.has('n') ? `${i + 1}:` : '';
      if (opts.has('o')) {
        if (invert) continue;
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(line)) !== null) {
          if (m[0] === '') {
            re.lastIndex++;
            continue;
          }
          out.line(prefix + ln + m[0]);
        }
      } else out.line(prefix + ln + line);
      lastPrinted = i;
      afterLeft = after;
    }
    // -l (and -L) with -c: GNU grep lists and never counts; busybox's -l returns at the first
    // match (the name alone) and a file without one falls through to the count (found by the
    // shell differential test: `grep -c -l x` printed "0" where GNU prints nothing).
    // GNU's -q prints nothing, a count of 0 included (the differential test found "0"); busybox's
    // -q returns at the first match, and a file without one falls through to the count as for -l.
    if (quiet && gnu) return;
    const listed = opts.has('l') || (gnu && opts.has('L'));
    if (opts.has('c') && !(listed && (gnu || count > 0))) out.line(prefix + String(count));
    if (opts.has('l') && count > 0) out.line(name);
    if (opts.has('L') && count === 0) out.line(name);
  };

  const grepPath = (name: string, path: string, top: boolean): void => {
    let st;
    try {
      st = top ? ctx.fs.stat(path) : ctx.fs.lstat(path);
    } catch (e) {
      if (!opts.has('s')) warn(ctx, 'grep', `${name}: ${errText(e)}`);
      error = true;
      return;
    }
    if (st.kind === 'dir') {
      if (!recursive) {
        if (gnu) {
          if (!opts.has('s')) warn(ctx, 'grep', `${name}: Is a directory`);
          error = true;
        } else {
          if (!opts.has('s')) warn(ctx, 'grep', `${name}: Is a directory`);
          error = true;
        }
        return;
      }
      let entries: string[] = [];
      try {
        entries = ctx.fs.readdir(path);
      } catch (e) {
        if (!opts.has('s')) warn(ctx, 'grep', `${name}: ${errText(e)}`);
        error = true;
        return;
      }
      for (const ent of entries) {
        const child = name === '' ? ent : name.endsWith('/') ? name + ent : name + '/' + ent;
        grepPath(child, join(path, ent), false);
        if (quiet && matchedAny) return;
      }
      return;
    }
    if (st.kind === 'symlink') {
      if (!opts.has('R')) return;
    }
    let data: string;
    try {
      data = ctx.fs.readFile(path);
    } catch (e) {
      if (!opts.has('s')) warn(ctx, 'grep', `${name}: ${errText(e)}`);
      error = true;
      return;
    }
    grepData(name, data);
  };

  for (const f of operands) {
    if (f === '-') grepData(stdinName, ctx.stdin);
    else {
      let p: string;
      try {
        p = abs(ctx, f);
      } catch (e) {
        if (!opts.has('s')) warn(ctx, 'grep', `${f}: ${errText(e)}`);
        error = true;
        continue;
      }
      grepPath(implicitDot ? '' : f, p, true);
    }
    if (quiet && matchedAny) break;
  }
  out.flush();
  if (quiet && matchedAny) return 0;
  if (error) return 2;
  return matchedAny ? 0 : 1;
}

export const grep: Applet = (ctx, args) => grepImpl(ctx, args, 'G');
export const egrep: Applet = (ctx, args) => grepImpl(ctx, args, 'E');
export const fgrep: Applet = (ctx, args) => grepImpl(ctx, args, 'F');
