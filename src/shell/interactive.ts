// Interactive shells: their prompts, and what each writes around its reads on a terminal (busybox
// ash, dash and bash at the reader's terminal: Shell.runTerminal; ash and dash reading a pipe:
// Shell.prompts). Recorded on pseudo-terminals: test/pages/pty/{ash,bash,dash}-*.json.

import { FsError } from '../fs/errors.ts';
import { basename } from '../fs/path.ts';
import { BUSYBOX_VERSION } from './applets/util.ts';
import type { List, SimpleCommand } from './ast.ts';
import { startAshHistory, startBashHistory } from './history.ts';
import { parse } from './parser.ts';
import type { Fds } from './fds.ts';
import type { Shell } from './interpreter.ts';
import { type BusyboxBuild, busyboxBuildOf, ShellNotSimulated, type TerminalPrompts } from './types.ts';

/** The /etc/passwd entry of the shell's user (getpwuid(geteuid())), its fields; undefined when there is none. */
function passwdEntry(sh: Shell): string[] | undefined {
  const uid = String(sh.sys.fs.uid);
  try {
    return sh.sys.fs.readFile('/etc/passwd').split('\n').map((l) => l.split(':')).find((f) => f[2] === uid);
  } catch (e) {
    // (no readable /etc/passwd: no home, no name)
    if (!(e instanceof FsError)) throw e;
    return undefined;
  }
}

/**
 * What an interactive busybox ash prints before it reads a command (recorded:
 * exec/interactive-prompts, exec/interactive-shell-logs): PS1, by default `\\w \\$ ` (ash.c with
 * FEATURE_EDITING_FANCY_PROMPT), through lineedit.c parse_and_put_prompt: `\\w` is the working
 * directory with the user's home from /etc/passwd (getpwuid(geteuid()), not $HOME) shown as `~`,
 * `\\W` its last component, `\\$` `#` for root and `$` for others, `\\u` the user's name, `\\h`
 * the host name up to its first dot. On a terminal read_line_input then asks where the cursor is
 * (ask_terminal: ESC [ 6 n) when busybox was built with FEATURE_EDITING_ASK_TERMINAL (`cursor`:
 * the oracle's and Alpine's, not busybox:latest's defconfig build); without one it reads with fgets
 * and asks nothing.
 */
export function ashPrompt(sh: Shell, ps: string | undefined, cursor: boolean): string {
  const uid = sh.sys.fs.uid;
  const entry = passwdEntry(sh);
  const home = entry?.[5] ?? '';
  const cwd = sh.cwd;
  const w = home !== '' && cwd.startsWith(home) && (cwd.length === home.length || cwd[home.length] === '/') ? '~' + cwd.slice(home.length) : cwd;
  const text = (ps ?? '\\w \\$ ').replace(/\\([wW$uh\\])/g, (_, c: string) => {
    if (c === 'w') return w;
    if (c === 'W') return cwd === '/' ? '/' : basename(cwd);
    if (c === '$') return uid === 0 ? '#' : '$';
    if (c === 'u') return entry?.[0] ?? '';
    if (c === 'h') return sh.sys.hostname.split('.')[0] ?? '';
    return '\\';
  });
  return cursor ? `${text}\x1b[6n` : text;
}

/**
 * What an interactive busybox ash prints before its first prompt (ash.c ash_main: bb_banner and
 * "built-in shell (ash)" unless FEATURE_SH_EXTRA_QUIET): the oracle's Debian busybox-static 1.35
 * prints it (recorded: test/pages/pty/ash-*.json, exec/stdin-prompts); busybox:latest's defconfig
 * build and Alpine's busybox are built EXTRA_QUIET (container/userland.ts busyboxBuildOf), so
 * `docker run -it busybox sh` and `docker run -it alpine sh` show their prompt straight away.
 */
export function ashBanner(build: BusyboxBuild): string {
  return build.banner ? `\n\n${BUSYBOX_VERSION} built-in shell (ash)\nEnter 'help' for a list of built-in commands.\n\n` : '';
}

/** dash's PS1 and PS2: the variables as they are, `# ` for root and `$ ` for others (dash 0.5.12 var.c; no backslash escapes). */
export function dashPrompts(sh: Shell): { ps1: () => string; ps2: () => string } {
  return { ps1: () => sh.getVar('PS1') ?? (sh.sys.fs.uid === 0 ? '# ' : '$ '), ps2: () => sh.getVar('PS2') ?? '> ' };
}

/** The `\\` escapes of bash's prompts that depend on what strata does not simulate: the clock, the terminal's name, history and job numbers. */
const BASH_UNSIMULATED_ESCAPES = 'dtT@ADjl#!0123456789';

/**
 * A prompt string as bash shows it (bminor/bash@bash-5.2 parse.y decode_prompt_string, then
 * expand_prompt_string with promptvars on): its backslash escapes first — `\\u` the user's name
 * (getpwuid), `\\h` the host name up to its first dot and `\\H` all of it, `\\w` $PWD with a
 * leading $HOME shown as `~` (polite_directory_format) and `\\W` its last component (`~` when it is
 * $HOME), `\\$` `#` for root, `\\s` the shell's name (the base of $0), `\\v` and `\\V` its version
 * (`5.2`, `5.2.15`), `\\n` (`\\r\\n` with line editing), `\\r`, `\\a`, `\\e`, `\\\\`, and `\\[` `\\]`
 * (readline's marks around what takes no room: not written) — each inserted quoted for double
 * quotes; then the result is expanded as a double-quoted string: `${debian_chroot:+...}`, `$(...)`.
 */
export function bashPrompt(sh: Shell, ps: string, fds: Fds): string {
  let out = '';
  const dq = (s: string): string => s.replace(/[$`"\\]/g, '\\$&');
  const version = (sh.getVar('BASH_VERSION') ?? '').replace(/\(.*$/, '');
  for (let i = 0; i < ps.length; i++) {
    const c = ps[i];
    if (c !== '\\' || i + 1 >= ps.length) {
      out += c;
      continue;
    }
    const e = ps[++i];
    if (BASH_UNSIMULATED_ESCAPES.includes(e)) throw new ShellNotSimulated(`strata does not simulate the prompt escape \\${e} of bash`);
    // (a user /etc/passwd does not name: shell.c get_current_user_info)
    if (e === 'u') out += dq(passwdEntry(sh)?.[0] ?? 'I have no name!');
    else if (e === 'h') out += dq(sh.sys.hostname.split('.')[0]);
    else if (e === 'H') out += dq(sh.sys.hostname);
    else if (e === 'w' || e === 'W') {
      const pwd = sh.getVar('PWD') ?? sh.cwd;
      const home = sh.getVar('HOME');
      let shown: string;
      if (e === 'W' && home !== pwd) shown = pwd === '/' || pwd === '//' ? pwd : pwd.slice(pwd.lastIndexOf('/') + 1);
      // polite_directory_format: a $HOME longer than `/` that starts the path at a component's end
      else shown = home !== undefined && home.length > 1 && pwd.startsWith(home) && (pwd.length === home.length || pwd[home.length] === '/') ? '~' + pwd.slice(home.length) : pwd;
      out += dq(shown);
    } else if (e === '$') out += sh.sys.fs.uid === 0 ? '#' : '\\$';
    else if (e === 's') out += dq(basename(sh.sys.shellName));
    else if (e === 'v' || e === 'V') {
      if (version === '') throw new ShellNotSimulated('strata does not simulate the prompt of an interactive bash whose version it does not know');
      out += e === 'V' ? version : version.split('.').slice(0, 2).join('.');
    } else if (e === 'n') out += '\r\n';
    else if (e === 'r') out += '\r';
    else if (e === 'a') out += '\x07';
    else if (e === 'e') out += '\x1b';
    else if (e === '[' || e === ']') continue;
    else if (e === '\\') out += '\\\\';
    else out += '\\' + e;
  }
  if (!/[$`\\"]/.test(out)) return out;
  // expanded as the inside of double quotes, where a `"` of its own stays a character
  let inner = '';
  for (let i = 0; i < out.length; i++) {
    if (out[i] === '\\') inner += out[i] + (out[++i] ?? '');
    else inner += out[i] === '"' ? '\\"' : out[i];
  }
  let list: List;
  try {
    list = parse(`: "${inner}"`, true);
  } catch {
    // (a prompt that ends in a lone backslash, or whose `$(` is not closed)
    throw new ShellNotSimulated(`strata does not simulate the prompt ${JSON.stringify(ps)} of bash`);
  }
  const word = (list.items[0].head.commands[0] as SimpleCommand).words[1];
  return sh.expandStr(word, fds);
}

/**
 * What bash does at a terminal before its first prompt: an interactive shell that is not a login
 * shell reads /etc/bash.bashrc (Debian's SYS_BASHRC) and ~/.bashrc (bminor/bash@bash-5.2 shell.c
 * run_startup_files), unless --norc. A stand-in has none of the real image's startup files: the
 * PS1 they leave is the image's fact (GnuUserland.bashrcPs1); a startup file found in the
 * container was written by a build or the session, and its effect is not simulated. bash's own
 * defaults are PS1 `\\s-\\v\\$ ` and PS2 `> ` (config-top.h PPROMPT, SPROMPT), unless inherited.
 */
function bashStartup(sh: Shell, options: readonly string[]): { aliases: readonly string[]; histappend: boolean } {
  const refuse = (why: string): never => {
    throw new ShellNotSimulated(`strata does not simulate an interactive bash ${why}: give the commands to bash -c, or use docker exec without -it`);
  };
  if (options.some((o) => o === '--login' || o === '-l' || o === '--rcfile' || o === '--init-file' || /^-[a-z]*l/.test(o))) refuse('started as a login shell or with its own startup file');
  const norc = options.includes('--norc');
  const ps1 = sh.sys.userland?.bashrcPs1;
  if (!norc) {
    if (ps1 === undefined) refuse(`in this image: its startup files (/etc/bash.bashrc, ~/.bashrc) are not known to strata`);
    for (const file of ['/etc/bash.bashrc', `${sh.getVar('HOME') ?? ''}/.bashrc`]) {
      try {
        sh.sys.fs.stat(file.startsWith('/') ? file : `/${file}`);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        continue;
      }
      refuse(`that reads ${file}`);
    }
  }
  for (const v of ['PROMPT_COMMAND', 'PS0']) if (sh.getVar(v) !== undefined) refuse(`with ${v} set`);
  // (Debian's bash.bashrc leaves an inherited PS1 when both SUDO_USER and SUDO_PS1 are set)
  const sudo = (sh.getVar('SUDO_USER') ?? '') !== '' && (sh.getVar('SUDO_PS1') ?? '') !== '';
  if (!norc && typeof ps1 === 'string' && !sudo) sh.setVar('PS1', ps1);
  else if (sh.getVar('PS1') === undefined) sh.setVar('PS1', '\\s-\\v\\$ ');
  if (sh.getVar('PS2') === undefined) sh.setVar('PS2', '> ');
  const rc = norc ? undefined : sh.sys.userland?.rootBashrc;
  const none = { aliases: [], histappend: false };
  if (rc === undefined) return none;
  const home = sh.getVar('HOME') ?? '';
  if (rc.otherHomes.includes(home)) refuse(`whose ~/.bashrc (${home}/.bashrc, the image's /etc/skel/.bashrc) is not known to strata`);
  if (home !== '/root') return none;
  if (sh.sys.fs.uid !== 0) refuse(`of a user other than root with HOME=/root (root's ~/.bashrc is not readable to it)`);
  if ((sh.getVar('debian_chroot') ?? '') !== '') refuse('with debian_chroot set');
  // root's .bashrc: PS1="\[\e]0;${debian_chroot:+($debian_chroot)}\u@\h: \w\a\]$PS1", the
  // chroot's name expanded when it runs (none), and its own PS1 line before it (Debian's PS1 again)
  let rootPs1 = DEBIAN_ROOT_PS1;
  if (rc.xtermTitle && /^(xterm|rxvt)/.test(sh.getVar('TERM') ?? '')) rootPs1 = `\\[\\e]0;\\u@\\h: \\w\\a\\]${rootPs1}`;
  sh.setVar('PS1', rootPs1);
  // its history settings (the same file): `HISTCONTROL=ignoredups:ignorespace`, `shopt -s
  // histappend`, `HISTSIZE=1000`, `HISTFILESIZE=2000`
  sh.setVar('HISTCONTROL', 'ignoredups:ignorespace');
  sh.setVar('HISTSIZE', '1000');
  sh.setVar('HISTFILESIZE', '2000');
  return { aliases: rc.aliases, histappend: true };
}

/** The PS1 line of Debian's and Ubuntu's .bashrc files (base-files' dot.bashrc without a colour prompt, /etc/skel's). */
const DEBIAN_ROOT_PS1 = '${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ ';

/**
 * Typed commands whose output shows what root's Ubuntu ~/.bashrc sets besides the prompt: the
 * aliases (`alias`, `type`, `command -v`), LS_COLORS and the history variables (`env`, `printenv`,
 * and `set`, `declare`, `typeset`, `export` with no operand or `-p`), the shell options (`shopt`).
 */
function showsBashrc(name: string, args: readonly string[]): boolean {
  if (['alias', 'unalias', 'type', 'env', 'printenv', 'shopt', 'compgen'].includes(name)) return true;
  if (['set', 'declare', 'typeset', 'export'].includes(name)) return args.every((a) => a === '-p');
  return name === 'command' && args.some((a) => /^-[a-zA-Z]*[vV]/.test(a));
}

/**
 * bash's and dash's job control at a terminal (a `&` job's `[1] PID`) and bash's history
 * expansion (`!`, on in an interactive bash: bashhist.c, lib/readline/histexpand.c, which leaves a
 * `!` before a blank, `=`, `(` or the end) are not simulated: a command line that uses them is
 * refused by name.
 */
function checkTyped(lang: 'bash' | 'dash', src: string, commands: readonly List[], aliases: readonly string[] = []): void {
  if (commands.some((l) => l.items.some((ao) => ao.background))) {
    throw new ShellNotSimulated(`strata does not simulate job control at an interactive ${lang} (a command run with &): ${JSON.stringify(src.trimEnd())}`);
  }
  if (lang === 'bash' && /![^\s=(]/.test(src)) {
    throw new ShellNotSimulated(`strata does not simulate bash's history expansion (!): ${JSON.stringify(src.trimEnd())}`);
  }
  if (aliases.length === 0) return;
  for (const c of simpleCommands(commands)) {
    const name = c.words[0]?.parts.every((p) => p.kind === 'lit') ? c.words[0].parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('') : undefined;
    if (name === undefined) continue;
    if (aliases.includes(name)) {
      throw new ShellNotSimulated(`strata does not simulate the alias ${name} of root's ~/.bashrc in this image: ${JSON.stringify(src.trimEnd())}`);
    }
    const args = c.words.slice(1).map((w) => w.parts.map((p) => (p.kind === 'lit' || p.kind === 'sq' || p.kind === 'esc' ? p.text : '$')).join(''));
    if (showsBashrc(name, args)) {
      throw new ShellNotSimulated(`strata does not simulate what root's ~/.bashrc in this image set for ${name} to show (aliases, LS_COLORS, history settings): ${JSON.stringify(src.trimEnd())}`);
    }
  }
}

/** Every simple command in `node` (a typed line's lists), at any depth: bash expands aliases in each as it reads it. */
function simpleCommands(node: unknown, out: SimpleCommand[] = []): SimpleCommand[] {
  if (Array.isArray(node)) for (const n of node) simpleCommands(n, out);
  else if (typeof node === 'object' && node !== null) {
    if ((node as { kind?: unknown }).kind === 'simple') out.push(node as SimpleCommand);
    for (const v of Object.values(node)) simpleCommands(v, out);
  }
  return out;
}

/**
 * What shell `sh` (a new interactive shell on the reader's terminal, in language `lang`, started
 * with `options`) writes around its reads (Shell.runTerminal), after its start-up:
 * - busybox ash: its prompts on stdout, each followed by the cursor-position question; a newline
 *   at Ctrl-D (ash.c cmdloop: newline_and_flush(stderr) when iflag);
 * - dash: its prompts on stderr (dashPrompts); a newline at Ctrl-D (main.c cmdloop: out2c('\n')
 *   when iflag);
 * - bash: its prompts through readline, on stderr (bashline.c initialize_readline: rl_outstream =
 *   stderr), which turns bracketed paste on before reading a line and off after it
 *   (lib/readline/rltty.c: BRACK_PASTE_INIT `ESC [?2004h`, BRACK_PASTE_FINI `ESC [?2004l\r`, on
 *   by default since readline 8.1), and at Ctrl-D a newline after that (rltty.c
 *   rl_deprep_terminal: `if (rl_eof_found) fprintf (rl_outstream, "\n")`) then `exit`
 *   (parse.y handle_eof_input_unit runs exit_builtin, which says it: exit.def exit_or_logout).
 */
export function terminalPrompts(sh: Shell, lang: 'ash' | 'dash' | 'bash', options: readonly string[], fds: Fds): TerminalPrompts {
  if (lang === 'ash') {
    const build = busyboxBuildOf(sh.sys);
    return {
      fd: build.editorOnStderr ? 2 : 1,
      ps1: () => ashPrompt(sh, sh.getVar('PS1'), build.asksCursor),
      ps2: () => ashPrompt(sh, sh.getVar('PS2') ?? '> ', build.asksCursor),
      lineRead: '',
      atEof: '\n',
      atExit: '',
      lineHistory: startAshHistory(sh, build),
    };
  }
  if (lang === 'dash') return { fd: 2, ...dashPrompts(sh), lineRead: '', atEof: '\n', atExit: '', check: (src, commands) => checkTyped(lang, src, commands) };
  const { aliases, histappend } = bashStartup(sh, options);
  const history = startBashHistory(sh, histappend);
  const PASTE_ON = '\x1b[?2004h';
  const PASTE_OFF = '\x1b[?2004l\r';
  return {
    fd: 2,
    ps1: () => PASTE_ON + bashPrompt(sh, sh.getVar('PS1') ?? '', fds),
    ps2: () => PASTE_ON + bashPrompt(sh, sh.getVar('PS2') ?? '', fds),
    lineRead: PASTE_OFF,
    atEof: `${PASTE_OFF}\nexit\n`,
    atExit: 'exit\n',
    check: (src, commands) => checkTyped(lang, src, commands, aliases),
    history,
  };
}
