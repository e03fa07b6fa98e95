// sed: -n -e -f -i -E/-r; s y d D p P n N q Q = a i c h H g G x b t T : { } ! and addresses N, $, /re/, first~step, ranges.

import type { Applet } from '../types.ts';
import { type Ctx, Out, abs, checkSize, errText, warn } from './util.ts';
import { RegexError, breToJs, ereToJs } from './regex.ts';
import { tempSuffix } from './basic.ts';

type Addr = { t: 'line'; n: number } | { t: 'last' } | { t: 're'; re: RegExp | undefined } | { t: 'step'; first: number; step: number };

interface Cmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  cmd: string;
  /** s: regex (undefined = last regex), replacement, flags */
  re?: RegExp;
  emptyRe?: boolean;
  repl?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  text?: string;
  label?: string;
  /** For `{`: index of the matching `}`. For b/t: target resolved later. */
  jump?: number;
  exitCode?: number;
  ySrc?: string;
  yDst?: string;
  inRange?: boolean;
}

class SedError extends Error {}

function parseScript(script: string, extended: boolean, gnu: boolean, icaseAll = false): Cmd[] {
  const cmds: Cmd[] = [];
  let i = 0;
  const err = (gnuMsg: string, bbMsg: string): never => {
    throw new SedError(gnu ? `-e expression #1, char ${i}: ${gnuMsg}` : bbMsg);
  };
  const compile = (src: string, flags: string): RegExp => {
    try {
      return new RegExp(extended ? ereToJs(src) : breToJs(src), flags);
    } catch (e) {
      const msg = e instanceof RegexError ? e.message : 'Invalid regular expression';
      return err(msg, `bad regex '${src}': ${msg}`);
    }
  };
  /** Read up to an unescaped delimiter; `\delim` becomes the delimiter, `\n` a newline. */
  const readDelim = (delim: string, isRegex: boolean): string => {
    let s = '';
    while (i < script.length) {
      const c = script[i];
      if (c === '\\' && i + 1 < script.length) {
        const n = script[i + 1];
        if (n === delim) s += isRegex && '.*[]^$'.includes(delim) ? '\\' + delim : delim;
        else if (n === 'n' && isRegex) s += '\n';
        else s += c + n;
        i += 2;
        continue;
      }
      if (isRegex && c === '[') {
        // copy a bracket expression verbatim (the delimiter may appear inside)
        let j = i + 1;
        if (script[j] === '^') j++;
        if (script[j] === ']') j++;
        while (j < script.length && script[j] !== ']') {
          if (script[j] === '[' && ':.='.includes(script[j + 1] ?? '')) {
            const close = script.indexOf(script[j + 1] + ']', j + 2);
            j = close < 0 ? j + 1 : close + 2;
          } else j++;
        }
        if (j < script.length) {
          s += script.slice(i, j + 1);
          i = j + 1;
          continue;
        }
      }
      if (c === delim) {
        i++;
        return s;
      }
      if (c === '\n' && !isRegex) {
        s += c;
        i++;
        continue;
      }
      s += c;
      i++;
    }
    return err(`unterminated \`s' command`, `unmatched '${delim}'`);
  };
  const skipWs = (): void => {
    while (i < script.length && (script[i] === ' ' || script[i] === '\t')) i++;
  };
  const parseAddr = (): Addr | undefined => {
    const c = script[i];
    if (c === undefined) return undefined;
    if (/\d/.test(c)) {
      const m = /^(\d+)(?:~(\d+))?/.exec(script.slice(i))!;
      i += m[0].length;
      if (m[2] !== undefined) return { t: 'step', first: Number(m[1]), step: Number(m[2]) };
      return { t: 'line', n: Number(m[1]) };
    }
    if (c === '$') {
      i++;
      return { t: 'last' };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        delim = script[i + 1];
        i++;
      }
      i++;
      const src = readDelim(delim, true);
      let flags = icaseAll ? 'i' : '';
      while (script[i] === 'I' || script[i] === 'M') {
        if (script[i] === 'I') flags = 'i';
        i++;
      }
      return { t: 're', re: src === '' ? undefined : compile(src, flags) };
    }
    return undefined;
  };
  const readText = (): string => {
    // a\ NEWLINE text  |  a text (GNU one-liner)
    skipWs();
    if (script[i] === '\\') {
      i++;
      if (script[i] === '\n') i++;
      else skipWs();
    }
    let s = '';
    while (i < script.length && script[i] !== '\n') {
      if (script[i] === '\\' && i + 1 < script.length) {
        s += script[i + 1];
        i += 2;
        continue;
      }
      s += script[i++];
    }
    return s;
  };
  const readLabel = (): string => {
    skipWs();
    let s = '';
    while (i < script.length && script[i] !== '\n' && script[i] !== ';') s += script[i++];
    return s.trim();
  };
  const blockStack: number[] = [];
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) break;
    if (script[i] === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    const cmd: Cmd = { negate: false, cmd: '' };
    cmd.a1 = parseAddr();
    if (cmd.a1 && script[i] === ',') {
      i++;
      cmd.a2 = parseAddr();
      if (!cmd.a2) err('unexpected `,\'', 'no address after comma');
    }
    skipWs();
    while (script[i] === '!') {
      cmd.negate = true;
      i++;
      skipWs();
    }
    const c = script[i++];
    if (c === undefined) err('missing command', 'missing command');
    cmd.cmd = c;
    switch (c) {
      case '{':
        blockStack.push(cmds.length);
        break;
      case '}':
        if (blockStack.length === 0) err("unexpected `}'", 'unexpected }');
        cmds[blockStack.pop()!].jump = cmds.length;
        break;
      case 's': {
        const delim = script[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') err("unterminated `s' command", 'bad format in substitution expression');
        const src = readDelim(delim, true);
        const repl = readDelim(delim, false);
        cmd.repl = repl;
        let flags = icaseAll ? 'i' : '';
        cmd.global = false;
        for (;;) {
          const f = script[i];
          if (f === 'g') cmd.global = true;
          else if (f === 'p') cmd.print = true;
          else if (f === 'i' || f === 'I') flags = 'i';
          else if (f === 'm' || f === 'M' || f === 'e') {
            // ignored
          } else if (f !== undefined && /\d/.test(f)) {
            const m = /^\d+/.exec(script.slice(i))!;
            cmd.nth = Number(m[0]);
            i += m[0].length - 1;
          } else if (f === 'w') {
            i++;
            readLabel();
            break;
          } else break;
          i++;
        }
        if (src === '') cmd.emptyRe = true;
        else cmd.re = compile(src, flags);
        break;
      }
      case 'y': {
        const delim = script[i++];
        const a = readDelim(delim, false).replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
        const b = readDelim(delim, false).replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
        if (a.length !== b.length) err("strings for `y' command are different lengths", 'strings for y command are different lengths');
        cmd.ySrc = a;
        cmd.yDst = b;
        break;
      }
      case 'a':
      case 'i':
      case 'c':
        cmd.text = readText();
        break;
      case ':':
        cmd.label = readLabel();
        if (cmd.label === '') err('":" lacks a label', "can't find label for jump to ''");
        break;
      case 'b':
      case 't':
      case 'T':
        cmd.label = readLabel();
        break;
      case 'q':
      case 'Q': {
        skipWs();
        const m = /^\d+/.exec(script.slice(i));
        if (m) {
          cmd.exitCode = Number(m[0]);
          i += m[0].length;
        }
        break;
      }
      case 'r':
      case 'w':
        cmd.text = readLabel();
        break;
      case 'd':
      case 'D':
      case 'p':
      case 'P':
      case 'n':
      case 'N':
      case '=':
      case 'h':
      case 'H':
      case 'g':
      case 'G':
      case 'x':
      case 'l':
      case 'z':
        break;
      default:
        err(`unknown command: \`${c}'`, `unsupported command ${c}`);
    }
    cmds.push(cmd);
  }
  if (blockStack.length) err("unmatched `{'", 'unterminated {');
  // resolve labels
  for (const c of cmds) {
    if (c.cmd === 'b' || c.cmd === 't' || c.cmd === 'T') {
      if (!c.label) c.jump = cmds.length;
      else {
        const idx = cmds.findIndex((x) => x.cmd === ':' && x.label === c.label);
        if (idx < 0) throw new SedError(gnu ? `-e expression #1, char ${i}: can't find label for jump to \`${c.label}'` : `can't find label for jump to '${c.label}'`);
        c.jump = idx;
      }
    }
  }
  return cmds;
}

/** Expand a replacement template for one match. */
function expand(repl: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c === '&') out += m[0];
    else if (c === '\\' && i + 1 < repl.length) {
      const n = repl[++i];
      if (n >= '0' && n <= '9') out += m[Number(n)] ?? '';
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
    } else out += c;
  }
  return out;
}

interface Input {
  lines: string[];
  /** whether the last line had no trailing newline */
  noEol: boolean;
}

function toInput(data: string): Input {
  if (data === '') return { lines: [], noEol: false };
  const lines = data.split('\n');
  const noEol = lines[lines.length - 1] !== '';
  if (!noEol) lines.pop();
  return { lines, noEol };
}

interface RunResult {
  output: string;
  exit?: number;
}

function runSed(ctx: Ctx, cmds: Cmd[], input: Input, quiet: boolean): RunResult {
  let out = '';
  const emit = (s: string): void => {
    out += s;
    checkSize(ctx, out.length);
  };
  let lastRe: RegExp | undefined;
  let hold = '';
  let lineNo = 0;
  let idx = 0;
  const lines = input.lines;
  for (const c of cmds) c.inRange = false;
  const isLast = (): boolean => idx >= lines.length;
  const matchAddr = (a: Addr, ps: string): boolean => {
    switch (a.t) {
      case 'line':
        return lineNo === a.n;
      case 'last':
        return isLast();
      case 'step':
        return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
      case 're': {
        const re = a.re ?? lastRe;
        if (!re) throw new SedError('no previous regular expression');
        lastRe = re;
        re.lastIndex = 0;
        return re.test(ps);
      }
    }
  };
  const selected = (c: Cmd, ps: string): boolean => {
    let r: boolean;
    if (!c.a1) r = true;
    else if (!c.a2) r = matchAddr(c.a1, ps);
    else if (c.inRange) {
      const a2 = c.a2;
      if (a2.t === 'line') {
        if (lineNo >= a2.n) c.inRange = false;
      } else if (matchAddr(a2, ps)) c.inRange = false;
      r = true;
    } else if (matchAddr(c.a1, ps)) {
      r = true;
      const a2 = c.a2;
      if (a2.t === 'line') c.inRange = a2.n > lineNo;
      else if (a2.t === 'last') c.inRange = !isLast();
      else c.inRange = true;
    } else r = false;
    return r !== c.negate;
  };
  const eol = (): string => (isLast() && input.noEol ? '' : '\n');
  let ps = '';
  let exit: number | undefined;
  outer: while (idx < lines.length) {
    ps = lines[idx++];
    lineNo++;
    let appendQueue = '';
    let tflag = false;
    let pc = 0;
    let deleted = false;
    let restartWithoutRead = false;
    while (pc < cmds.length) {
      const c = cmds[pc];
      if (c.cmd === '}' || c.cmd === ':') {
        pc++;
        continue;
      }
      if (!selected(c, ps)) {
        pc = c.cmd === '{' ? (c.jump ?? pc) + 1 : pc + 1;
        continue;
      }
      switch (c.cmd) {
        case '{':
          break;
        case 's': {
          const re = c.emptyRe ? lastRe : c.re;
          if (!re) throw new SedError('no previous regular expression');
          lastRe = re;
          const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
          let result = '';
          let pos = 0;
          let count = 0;
          let did = false;
          let prevEnd = -1;
          let m: RegExpExecArray | null;
          g.lastIndex = 0;
          while ((m = g.exec(ps)) !== null) {
            if (m[0] === '' && m.index === prevEnd) {
              g.lastIndex = m.index + 1;
              if (g.lastIndex > ps.length) break;
              continue;
            }
            count++;
            const nth = c.nth ?? 1;
            if (count >= nth && (c.global || count === nth)) {
              result += ps.slice(pos, m.index) + expand(c.repl ?? '', m);
              pos = m.index + m[0].length;
              did = true;
            }
            prevEnd = m.index + m[0].length;
            if (!c.global && count >= nth) break;
            if (m[0] === '') {
              g.lastIndex = m.index + 1;
              if (g.lastIndex > ps.length) break;
            }
          }
          if (did) {
            ps = result + ps.slice(pos);
            tflag = true;
            if (c.print) emit(ps + '\n');
          }
          break;
        }
        case 'y': {
          let r = '';
          for (const ch of ps) {
            const k = c.ySrc!.indexOf(ch);
            r += k >= 0 ? c.yDst![k] : ch;
          }
          ps = r;
          break;
        }
        case 'd':
          deleted = true;
          break;
        case 'D': {
          const nl = ps.indexOf('\n');
          if (nl < 0) deleted = true;
          else {
            ps = ps.slice(nl + 1);
            restartWithoutRead = true;
          }
          break;
        }
        case 'p':
          emit(ps + '\n');
          break;
        case 'P': {
          const nl = ps.indexOf('\n');
          emit((nl < 0 ? ps : ps.slice(0, nl)) + '\n');
          break;
        }
        case '=':
          emit(`${lineNo}\n`);
          break;
        case 'a':
          appendQueue += (c.text ?? '') + '\n';
          break;
        case 'i':
          emit((c.text ?? '') + '\n');
          break;
        case 'c':
          if (!c.a2 || !c.inRange) emit((c.text ?? '') + '\n');
          deleted = true;
          break;
        case 'h':
          hold = ps;
          break;
        case 'H':
          hold += '\n' + ps;
          break;
        case 'g':
          ps = hold;
          break;
        case 'G':
          ps += '\n' + hold;
          break;
        case 'x': {
          const t = ps;
          ps = hold;
          hold = t;
          break;
        }
        case 'l': {
          let s = '';
          for (const ch of ps) {
            const code = ch.charCodeAt(0);
            if (ch === '\\') s += '\\\\';
            else if (ch === '\n') s += '\\n';
            else if (ch === '\t') s += '\\t';
            else if (code < 32 || code >= 127) s += '\\' + code.toString(8).padStart(3, '0');
            else s += ch;
          }
          emit(s + '$\n');
          break;
        }
        case 'z':
          ps = '';
          break;
        case 'n':
          if (!quiet) emit(ps + eol());
          emit(appendQueue);
          appendQueue = '';
          if (idx >= lines.length) {
            deleted = true;
            quietEnd();
            break;
          }
          ps = lines[idx++];
          lineNo++;
          break;
        case 'N':
          if (idx >= lines.length) {
            // GNU prints the pattern space when there is no next line
            break;
          }
          ps += '\n' + lines[idx++];
          lineNo++;
          break;
        case 'q':
          if (!quiet) emit(ps + eol());
          emit(appendQueue);
          exit = c.exitCode ?? 0;
          break outer;
        case 'Q':
          exit = c.exitCode ?? 0;
          break outer;
        case 'b':
          pc = c.jump ?? cmds.length;
          continue;
        case 't':
          if (tflag) {
            tflag = false;
            pc = c.jump ?? cmds.length;
            continue;
          }
          break;
        case 'T':
          if (!tflag) {
            pc = c.jump ?? cmds.length;
            continue;
          }
          tflag = false;
          break;
        case 'r':
          try {
            appendQueue += ctx.fs.readFile(abs(ctx, c.text ?? ''));
          } catch {
            // missing files are ignored
          }
          break;
        case 'w':
          try {
            ctx.fs.writeFile(abs(ctx, c.text ?? ''), ps + '\n', { append: true });
          } catch {
            // ignore
          }
          break;
      }
      if (deleted || restartWithoutRead) break;
      pc++;
    }
    if (!deleted && !restartWithoutRead && !quiet) emit(ps + eol());
    emit(appendQueue);
    if (restartWithoutRead) {
      // D: start the next cycle with the remaining pattern space
      lines.splice(idx, 0, ps);
      lineNo--;
    }
  }
  return { output: out, exit };
  function quietEnd(): void {
    // nothing: helper to keep the `n` at end-of-input path readable
  }
}

export const sed: Applet = (ctx, args) => {
  const gnu = ctx.flavor === 'gnu';
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let extended = false;
  let inPlace: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, val] = a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), undefined];
      if (name === 'quiet' || name === 'silent') quiet = true;
      else if (name === 'regexp-extended') extended = true;
      else if (name === 'in-place') inPlace = val ?? '';
      else if (name === 'expression') scripts.push(val ?? args[++i] ?? '');
      else if (name === 'posix' || name === 'debug' || name === 'separate' || name === 'unbuffered') {
        // ignored
      } else {
        warn(ctx, 'sed', gnu ? `unknown option -- '${name}'` : `unrecognized option '${a}'`);
        return 1;
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'n') quiet = true;
        else if (c === 'E' || c === 'r') extended = true;
        else if (c === 's' || c === 'u' || c === 'z') {
          // ignored
        } else if (c === 'i') {
          inPlace = a.slice(j + 1);
          break;
        } else if (c === 'e' || c === 'f') {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) {
            warn(ctx, 'sed', `option requires an argument -- '${c}'`);
            return 1;
          }
          if (c === 'e') scripts.push(v);
          else {
            try {
              let text = v === '-' ? ctx.stdin : ctx.fs.readFile(abs(ctx, v));
              if (text.endsWith('\n')) text = text.slice(0, -1);
              scripts.push(text);
            } catch (e) {
              warn(ctx, 'sed', gnu ? `couldn't open file ${v}: ${errText(e)}` : `can't open '${v}': ${errText(e)}`);
              return 1;
            }
          }
          break;
        } else {
          warn(ctx, 'sed', `invalid option -- '${c}'`);
          if (gnu) ctx.stderr('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
          return 1;
        }
      }
      continue;
    }
    files.push(a);
  }
  if (scripts.length === 0) {
    if (files.length === 0) {
      if (gnu) ctx.stderr('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
      else ctx.stderr('Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n');
      return 1;
    }
    scripts.push(files.shift()!);
  }
  let cmds: Cmd[];
  try {
    cmds = parseScript(scripts.join('\n'), extended, gnu);
  } catch (e) {
    if (e instanceof SedError) {
      warn(ctx, 'sed', e.message);
      return 1;
    }
    throw e;
  }
  const out = new Out(ctx);
  let status = 0;
  try {
    if (inPlace !== undefined) {
      if (files.length === 0) {
        warn(ctx, 'sed', gnu ? 'no input files' : '-i requires an argument');
        return gnu ? 1 : 1;
      }
      for (const f of files) {
        let p: string;
        let data: string;
        try {
          p = abs(ctx, f);
          data = ctx.fs.readFile(p);
        } catch (e) {
          warn(ctx, 'sed', gnu ? `can't read ${f}: ${errText(e)}` : `${f}: ${errText(e)}`);
          status = gnu ? 2 : 1;
          continue;
        }
        const st = ctx.fs.stat(p);
        const r = runSed(ctx, cmds, toInput(data), quiet);
        // Both seds write a temporary file beside the named one (mkstemp of NAME + XXXXXX in
        // busybox 1.35 editors/sed.c, ./sedXXXXXX in GNU sed) with the file's mode and owner,
        // then rename it over the name, the backup first renamed away with -iSUFFIX: the file
        // gets a new inode, a symlink named is replaced, and a single-file bind mount cannot be
        // renamed over (`can't move ... Device or resource busy`; the run ends, the temporary file
        // removed: cleanup_outname, GNU's panic). Recorded: host-mounts/sed-in-place-file-bind.
        const dir = p.slice(0, p.lastIndexOf('/') + 1);
        let temp = '';
        for (let attempt = 0; temp === ''; attempt++) {
          const name = gnu ? `${dir}sed${tempSuffix(ctx, 6, attempt)}` : `${p}${tempSuffix(ctx, 6, attempt)}`;
          if (ctx.fs.exists(name)) continue;
          try {
            // written through the descriptor mkstemp opened (0600), whatever mode it gets next
            ctx.fs.writeFile(name, r.output, { exclusive: true, mode: 0o600 });
          } catch (e) {
            // the name tried is in the message (mkstemp leaves its last try in the template)
            warn(ctx, 'sed', gnu ? `couldn't open temporary file ${name}: ${errText(e)}` : `can't create temp file '${f}${name.slice(p.length)}': ${errText(e)}`);
            return gnu ? 4 : 1;
          }
          temp = name;
        }
        const shown = gnu ? temp : f + temp.slice(p.length);
        for (const step of [() => ctx.fs.chmod(temp, st.mode), () => ctx.fs.chown(temp, st.uid, st.gid)]) {
          try {
            step();
          } catch {
            // fchmod and fchown: what they return is not looked at
          }
        }
        const moved = (from: string, to: string, message: (e: unknown) => string): boolean => {
          try {
            ctx.fs.rename(from, to);
            return true;
          } catch (e) {
            warn(ctx, 'sed', message(e));
            try {
              ctx.fs.unlink(temp);
            } catch {
              // as cleanup_outname: unlink's answer is not looked at
            }
            return false;
          }
        };
        if (inPlace !== '' && !moved(p, p + inPlace, (e) => (gnu ? `cannot rename ${f}: ${errText(e)}` : `can't move '${f}' to '${f}${inPlace}': ${errText(e)}`))) return gnu ? 4 : 1;
        if (!moved(temp, p, (e) => (gnu ? `cannot rename ${shown}: ${errText(e)}` : `can't move '${shown}' to '${f}': ${errText(e)}`))) return gnu ? 4 : 1;
        if (r.exit !== undefined) return r.exit;
      }
      return status;
    }
    let data = '';
    const names = files.length ? files : ['-'];
    for (const f of names) {
      if (f === '-') {
        data += ctx.stdin;
        continue;
      }
      try {
        const chunk = ctx.fs.readFile(abs(ctx, f));
        if (data !== '' && !data.endsWith('\n')) data += '\n';
        data += chunk;
      } catch (e) {
        warn(ctx, 'sed', gnu ? `can't read ${f}: ${errText(e)}` : `${f}: ${errText(e)}`);
        status = gnu ? 2 : 1;
      }
    }
    const r = runSed(ctx, cmds, toInput(data), quiet);
    out.write(r.output);
    out.flush();
    if (r.exit !== undefined) return r.exit;
    return status;
  } catch (e) {
    if (e instanceof SedError) {
      out.flush();
      warn(ctx, 'sed', e.message);
      return 1;
    }
    throw e;
  }
};
