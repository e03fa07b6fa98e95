// Registry of the shell's applets. Busybox words inside containers, GNU words on the host.
// Every applet handles both flavors itself (ctx.flavor); a few exist only in one of them.

import type { Applet, AppletContext, Flavor } from '../types.ts';
import { awk } from './awk.ts';
import * as basic from './basic.ts';
import { bc } from './bc.ts';
import * as files from './files.ts';
import { grep, egrep, fgrep } from './grep.ts';
import { kill } from './kill.ts';
import { ls } from './ls.ts';
import { od } from './od.ts';
import { printf } from './printf.ts';
import { breToJs } from './regex.ts';
import { sed } from './sed.ts';
import { su } from './su.ts';
import { sudo } from './sudo.ts';
import { busyboxBanner } from './util.ts';
import * as sys from './sys.ts';
import { tar } from './tar.ts';
import { bracket, doubleBracket, test } from './test.ts';
import * as text from './text.ts';

const registry: Record<string, Applet> = {
  '[': bracket,
  awk,
  base64: sys.base64,
  basename: basic.basename,
  bc,
  cat: files.cat,
  chgrp: files.chgrp,
  chmod: files.chmod,
  chown: files.chown,
  cmp: sys.cmp,
  cp: files.cp,
  cut: text.cut,
  date: basic.date,
  dd: sys.dd,
  df: sys.df,
  dirname: basic.dirname,
  du: sys.du,
  echo: basic.echo,
  egrep,
  env: basic.env,
  expr: basic.expr,
  false: basic.falseApplet,
  fgrep,
  find: sys.find,
  grep,
  gunzip: sys.gunzip,
  gzip: sys.gzip,
  head: text.head,
  hostname: basic.hostname,
  dnsdomainname: basic.dnsdomainname,
  id: basic.id,
  kill,
  ln: files.ln,
  ls,
  md5sum: sys.md5sum,
  mkdir: files.mkdir,
  mkfifo: files.mkfifo,
  mknod: files.mknod,
  mktemp: basic.mktemp,
  mv: files.mv,
  nproc: basic.nproc,
  od,
  printf,
  pwd: basic.pwd,
  readlink: files.readlink,
  paste: text.paste,
  rev: text.rev,
  realpath: files.realpath,
  rm: files.rm,
  rmdir: files.rmdir,
  sed,
  seq: basic.seq,
  sha1sum: sys.sha1sum,
  sha256sum: sys.sha256sum,
  sha512sum: sys.sha512sum,
  sleep: basic.sleep,
  sort: text.sort,
  stat: sys.stat,
  syslogd: sys.syslogd,
  tac: text.tac,
  tail: text.tail,
  tar,
  tee: files.tee,
  test,
  touch: files.touch,
  tr: text.tr,
  true: basic.trueApplet,
  uname: basic.uname,
  uniq: text.uniq,
  wc: text.wc,
  which: basic.which,
  whoami: basic.whoami,
  xargs: basic.xargs,
  yes: basic.yes,
  zcat: sys.zcat,
};

/** `busybox APPLET ARGS...` runs the applet (inside containers). */
const busybox: Applet = (ctx, args) => {
  if (args.length === 0) {
    ctx.stdout(busyboxBanner(ctx));
    return 0;
  }
  const applet = getApplet(args[0], ctx.flavor);
  if (!applet || args[0] === 'busybox') {
    // two writes, as busybox's (libbb/appletlib.c busybox_main)
    ctx.stderr(args[0]);
    ctx.stderr(': applet not found\n');
    return 127;
  }
  const sub = Object.create(ctx) as AppletContext;
  sub.name = args[0];
  return applet(sub, args.slice(1));
};

basic.reHelpers.regexFromBre = breToJs;
basic.setKnownCommands(() => appletNames());

export function getApplet(name: string, flavor: Flavor): Applet | undefined {
  if (name === 'busybox') return flavor === 'busybox' ? busybox : undefined;
  // the host's alone: busybox has no sudo
  if (name === 'sudo') return flavor === 'gnu' ? sudo : undefined;
  // busybox's su (a GNU image's is util-linux's, with PAM: not simulated)
  if (name === 'su') return flavor === 'busybox' ? su : undefined;
  // Debian's awk is mawk (/usr/bin/awk -> /etc/alternatives/awk -> /usr/bin/mawk)
  if (name === 'mawk') return flavor === 'gnu' ? awk : undefined;
  // busybox's alone: bash's `[[` is a reserved word (a command named `[[` is not found there)
  if (name === '[[') return flavor === 'busybox' ? doubleBracket : undefined;
  return Object.prototype.hasOwnProperty.call(registry, name) ? registry[name] : undefined;
}

/** Names of every simulated applet (for docs and refusals). */
export function appletNames(): string[] {
  return Object.keys(registry).sort();
}
