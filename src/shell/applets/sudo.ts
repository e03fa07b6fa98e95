// `sudo` on the simulated host. Linux tutorials write `sudo docker ...`, `sudo ls
// /var/lib/docker/volumes/NAME/_data`, `sudo chown -R 1000:1000 ./data`: the host's user is root
// (as on the recording host), and root runs sudo without a password, so the command simply runs,
// with the environment sudo gives it. Only on the host: a container has no sudo (busybox has none).
//
// The environment is what sudoers' defaults make it (sudoers(5) "Command environment", env_reset
// on, as Debian and Ubuntu ship it): the invoking user's variables are dropped except the
// locale and terminal ones, HOME, LOGNAME, USER, SHELL, MAIL are the target user's, PATH is
// Debian's secure_path, and SUDO_COMMAND, SUDO_USER, SUDO_UID, SUDO_GID say who ran what. `-E`
// keeps the caller's variables (PATH is still secure_path). Any other option (another user, a
// login shell, editing, listing) is refused by name: its effect is not simulated.

import type { Applet } from '../types.ts';
import { join } from '../../fs/path.ts';
import { FsError } from '../../fs/errors.ts';
import { warn } from './util.ts';

/** Debian's and Ubuntu's /etc/sudoers: `Defaults secure_path=...`. */
const SECURE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Variables sudo keeps from the caller under env_reset (sudo's env_keep and env_check defaults, the common ones). */
const KEPT = /^(TERM|LANG|LANGUAGE|LC_[A-Z_]+|TZ|COLORS|DISPLAY|HOSTNAME|LS_COLORS|PS1|PS2|XAUTHORITY|XAUTHORIZATION|COLUMNS|LINES)$/;

export const sudo: Applet = (ctx, args) => {
  let i = 0;
  let keepEnv = false;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-E' || a === '--preserve-env') keepEnv = true;
    else if (a === '-n' || a === '--non-interactive' || a === '-H' || a === '--set-home') continue;
    else if ((a === '-u' || a === '--user') && (args[i + 1] === 'root' || args[i + 1] === '#0')) i++;
    else if (a === '-uroot' || a === '--user=root') continue;
    else {
      warn(ctx, 'sudo', `strata does not simulate sudo ${a} (only running a command as root: sudo [-E] [-n] [-H] [-u root] COMMAND)`);
      return 1;
    }
  }
  const argv = args.slice(i);
  if (argv.length === 0) {
    warn(ctx, 'sudo', 'strata does not simulate sudo without a command (only running a command as root)');
    return 1;
  }
  const env: Record<string, string> = {};
  if (keepEnv) Object.assign(env, ctx.env);
  else for (const [k, v] of Object.entries(ctx.env)) if (KEPT.test(k)) env[k] = v;
  Object.assign(env, {
    HOME: '/root',
    LOGNAME: 'root',
    USER: 'root',
    SHELL: '/bin/bash',
    MAIL: '/var/mail/root',
    PATH: SECURE_PATH,
    SUDO_COMMAND: [commandPath(ctx, argv[0]), ...argv.slice(1)].join(' '),
    SUDO_USER: 'root',
    SUDO_UID: '0',
    SUDO_GID: '0',
  });
  return ctx.run(argv, ctx, env);
};

/**
 * The program's path as sudo finds it in secure_path. The simulated host keeps no files for its
 * programs (docker, sh, ls run as themselves): those are /usr/bin's, as on a merged-/usr Debian
 * or Ubuntu host.
 */
function commandPath(ctx: Parameters<Applet>[0], name: string): string {
  if (name.includes('/')) return join(ctx.cwd, name);
  for (const dir of SECURE_PATH.split(':')) {
    const p = `${dir}/${name}`;
    try {
      const st = ctx.fs.stat(p);
      if (st.kind === 'file' && (st.mode & 0o111) !== 0) return p;
    } catch (e) {
      // not in this directory
      if (!(e instanceof FsError)) throw e;
    }
  }
  return `/usr/bin/${name}`;
}
