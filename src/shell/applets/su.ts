// busybox's `su` (loginutils/su.c, libbb/change_identity.c, setup_environment.c, run_shell.c of
// busybox 1.35, the oracle's), as root: the way a container's process becomes another user, as
// the server images' entrypoints do with gosu, su-exec or setpriv (their catalog stand-ins do it
// with this su, which both engines run). Recorded: exec/gosu-su-drop (both engines).
//
// - `su [-mp] [-s SH] [USER [FILE ARGS | -c CMD [ARG0 ARGS]]]`: USER (root by default) from
//   /etc/passwd (`su: unknown user NAME`, 1); its groups are initgroups(3)'s: its own gid and the
//   /etc/group entries whose member list names it (a `--group-add` does not survive); then it
//   execs SH (-s, else $SHELL with -m/-p, else the user's login shell, /bin/sh when empty) as
//   `basename(SH) [-c CMD] ARGS...` in its own process: PID 1 stays PID 1, now the user's;
// - without -m/-p: HOME (the user's home), SHELL (SH), and for a user other than root USER and
//   LOGNAME are set; the working directory and umask stay;
// - a caller whose real uid is not 0: `su: must be suid to work properly`, 1 (the applet is
//   _BB_SUID_ALWAYS and busybox is not setuid in an image: libbb/appletlib.c check_suid);
// - `su --help`: its usage on stderr, 0; a bad option: getopt's word, then the usage, 1.
// A login shell (`-l`, `-`) and a shell named without a `/` are refused by name.

import type { Applet } from '../types.ts';
import { databaseRows } from '../../fs/database.ts';
import { basename } from '../../fs/path.ts';
import { ShellNotSimulated } from '../../fs/errors.ts';
import { busyboxBanner, parseOpts } from './util.ts';

const USAGE = `Usage: su [-lmp] [-s SH] [-] [USER [FILE ARGS | -c 'CMD' [ARG0 ARGS]]]

Run shell under USER (by default, root)

\t-,-l\tClear environment, go to home dir, run shell as login shell
\t-p,-m\tDo not set new $HOME, $SHELL, $USER, $LOGNAME
\t-c CMD\tCommand to pass to 'sh -c'
\t-s SH\tShell to use instead of user's default
`;

const refuse = (what: string): never => {
  throw new ShellNotSimulated(`strata does not simulate ${what}`);
};

export const su: Applet = (ctx, args) => {
  const usage = (): void => ctx.stderr(`${busyboxBanner(ctx)}\n${USAGE}`);
  // libbb/appletlib.c: `--help` first (exit 0), then check_suid
  if (args.length === 1 && args[0] === '--help') {
    usage();
    return 0;
  }
  if (ctx.fs.uid !== 0) {
    ctx.stderr('su: must be suid to work properly\n');
    return 1;
  }
  // getopt32(argv, "^mplc:s:" ...): options stop at the first operand
  const opts = parseOpts(ctx, 'su', args, { short: 'mplc:s:', stopAtOperand: true });
  if (!opts) {
    usage();
    return 1;
  }
  let rest = opts.operands;
  const keepEnv = opts.has('m') || opts.has('p');
  if (opts.has('l') || rest[0] === '-') return refuse('su -l (a login shell: a cleared environment, the home directory)');
  const name = rest[0] ?? 'root';
  rest = rest.slice(1);
  const pw = databaseRows(ctx.fs, '/etc/passwd').find((r) => r[0] === name);
  if (pw === undefined || pw.length < 7) {
    ctx.stderr(`su: unknown user ${name}\n`);
    return 1;
  }
  const uid = Number(pw[2]);
  const gid = Number(pw[3]);
  // initgroups(3): the user's gid, then every group that lists it as a member
  const groups = databaseRows(ctx.fs, '/etc/group')
    .filter((g) => g.length >= 4 && g[3].split(',').includes(name))
    .map((g) => Number(g[2]))
    .filter((g) => g !== gid);
  const given = opts.get('s');
  const shell = given ?? (keepEnv ? ctx.env.SHELL : undefined) ?? (pw[6] || '/bin/sh');
  if (!shell.includes('/')) return refuse(`su running a shell named without a path (${shell}: execv looks it up in the working directory)`);
  const env: Record<string, string> = { ...ctx.env };
  if (!keepEnv) {
    if (uid !== 0) {
      env.USER = name;
      env.LOGNAME = name;
    }
    env.HOME = pw[5];
    env.SHELL = shell;
  }
  const command = opts.get('c');
  const argv = [basename(shell), ...(command !== undefined ? ['-c', command] : []), ...rest];
  const status = ctx.runAs?.({ uid, gid, groups }, shell, argv, ctx, env);
  return status ?? refuse('su outside a container');
};
