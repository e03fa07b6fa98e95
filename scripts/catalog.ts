// `npm run catalog`: writes the per-tag build contexts of catalog/<repository>/<tag>/ from each
// repository's templates and shared files (as docker-library's apply-templates.sh does), and the
// bundle strata embeds, src/image/catalog/contexts.generated.ts. `--check` writes nothing and
// exits 1 when anything on disk differs from what would be written (npm test runs it).
//
// See catalog/README.md for the layout and catalog.json's fields.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bashVersionText, imageApplets, PACKAGE_MANAGERS, USERLANDS, USR_LINKS } from '../src/container/userland.ts';
import { READER_CLOCK } from '../src/engine/initial-state.ts';
import { ALPINE_OTHER_PROGRAMS, alpineBusyboxLinks, alpineLinkSource } from '../src/image/alpine-busybox.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CATALOG_DIR = path.join(ROOT, 'catalog');
export const BUNDLE_PATH = path.join(ROOT, 'src/image/catalog/contexts.generated.ts');

interface RegistryJson {
  digest: string;
  layers: string[];
  repoInfo: { commit: string; path: string };
  /** The real image (catalog/README.md): Image ID, Created, and the size when repo-info's local file names the same ID. */
  image?: { id: string; created: string; size?: string; local?: { commit: string; path: string }; sizeBytes?: number; sizeSource?: string };
}

interface TagJson {
  template?: string;
  vars?: Record<string, string>;
  upstreamPath?: string;
  registry?: RegistryJson;
  sameAs?: string;
}

interface RepositoryJson {
  repository: string;
  upstream: { repo: string; commit: string };
  /** Files of another repository's files/ this one's contexts also hold: context path -> path under catalog/. */
  sharedFiles?: Record<string, string>;
  tags: Record<string, TagJson>;
}

/** One generated file: its path under catalog/, its mode and its text. */
export interface GeneratedFile {
  path: string;
  mode: number;
  text: string;
}

export class CatalogError extends Error {}

const HEX40 = /^[0-9a-f]{40}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

function readJson(file: string): RepositoryJson {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as RepositoryJson;
  } catch (e) {
    throw new CatalogError(`${path.relative(ROOT, file)}: ${(e as Error).message}`);
  }
}

/**
 * `{{USRMERGE}}`, the build step that lays a stand-in of a Debian, Ubuntu or Oracle Linux image out
 * like the real one (`{{USERLAND}}` names the release), right after `FROM`, so every later step runs
 * on it, as every step of the real image's Dockerfile does:
 * - its merged-/usr links (USR_LINKS in src/container/userland.ts, which cites the sources): /bin
 *   goes, and /bin, /lib, ... link into /usr;
 * - exactly the commands its real image has among busybox's applets (imageApplets in
 *   src/container/userland.ts: the release's packages and the image's own `extra` ones,
 *   `EXTRA_PACKAGES` in catalog.json, installed as `source` says): busybox moves out of PATH to
 *   /.strata-stand-in/busybox (the real image has no busybox), every applet link goes, and the kept
 *   ones are made again in /usr/bin (bullseye: /bin), pointing there. A command the real image lacks
 *   is then not found, in the shell's own words. Later steps still run busybox's applets: its shell
 *   runs them without links (FEATURE_SH_STANDALONE, as strata's busybox shell does).
 * One step, so busybox is copied into one layer only, as the merged-/usr step alone did.
 */
export function usrMergeStep(userland: string, where: string, extra = '', source?: string, programs = '', programSet?: string): string {
  const links = USR_LINKS[userland];
  if (links === undefined) throw new CatalogError(`${where}: USERLAND ${JSON.stringify(userland)} is no key of USR_LINKS (src/container/userland.ts)`);
  const managers = PACKAGE_MANAGERS[userland];
  if (managers === undefined) throw new CatalogError(`${where}: USERLAND ${JSON.stringify(userland)} is no key of PACKAGE_MANAGERS (src/container/userland.ts)`);
  let kept: string[];
  try {
    kept = imageApplets(userland, extra);
  } catch (e) {
    throw new CatalogError(`${where}: ${(e as Error).message}`);
  }
  if (extra.trim() !== '' && !source) throw new CatalogError(`${where}: EXTRA_PACKAGES needs EXTRA_PACKAGES_SOURCE (where the image gets them)`);
  const bin = links.length > 0 ? '/usr/bin' : '/bin';
  // dash, where the real image's /bin/sh is dash (Debian, Ubuntu: dash's own /usr/bin/dash or
  // /bin/dash): a link to the stand-in's bash, which runs busybox sh on a real engine; strata runs
  // the shell a GNU image's shell file is called as (src/shell/interpreter.ts shellLanguage)
  const dash = USERLANDS[userland]?.sh === 'dash';
  // the rest of the real image's programs (PROGRAM_SET): every name the stand-in has no program of
  const have = new Set([...kept, 'bash', ...(dash ? ['dash'] : []), ...managers, ...programs.split(/\s+/)].map((p) => p.slice(p.lastIndexOf('/') + 1)));
  const unsimulated = programSet === undefined ? [] : programsOfSet(programSet, where).filter((p) => !have.has(p.slice(p.lastIndexOf('/') + 1)));
  const refused = [programs.trim(), ...unsimulated].join(' ').trim();
  const lines: string[] = [];
  let line = '   ';
  for (const a of kept) {
    if (line.length + a.length > 100) {
      lines.push(line);
      line = '   ';
    }
    line += ` ${a}`;
  }
  lines.push(line);
  const commands =
    `# The real image's commands among busybox's applets (${userland}${extra.trim() ? ` and ${extra.trim()}: ${source}` : ''};\n` +
    `# imageApplets in src/container/userland.ts, from repo-info's package lists); no other link, no busybox in PATH.\n`;
  // then the package managers: copies of the refusal the COPY before the step brought in; and
  // bash, which every one of these images has, saying its release's version
  const bash = bashVersionText(userland);
  const sed = `s/@BASH_VERSION@/${bash?.version ?? ''}/; s/@BASH_YEAR@/${bash?.year ?? ''}/; s/@BASH_HOST@/${bash?.host ?? ''}/`;
  const keep =
    ` && for a in \\\n${lines.join(' \\\n')}; \\\n    do ln -s /.strata-stand-in/busybox ${bin}/$a; done` +
    ` \\\n && mkdir -p ${[...new Set(managers.map((m) => m.slice(0, m.lastIndexOf('/'))))].join(' ')}` +
    ` \\\n && for p in ${managers.join(' ')}; \\\n    do cp /.strata-stand-in/unsimulated $p; done` +
    ` \\\n && sed '${sed}' /.strata-stand-in/bash > ${bin}/bash && chmod 755 ${bin}/bash && rm /.strata-stand-in/bash` +
    (dash ? ` && ln -s bash ${bin}/dash` : '') +
    programLinks(refused, where);
  const copy =
    `# bash${dash ? ' (and dash, a link to it)' : ''}, and the package managers of the real image (PACKAGE_MANAGERS in src/container/userland.ts), which refuse by name` +
    (programs.trim() ? `;\n# the real image's other programs the stand-in does not run (PROGRAMS in catalog.json) refuse by name too` : '') +
    (programSet !== undefined ? `;\n# so do the programs of ${programSet}'s packages the stand-in has no program of (catalog/debian-programs.json)` : '') +
    '.\n' +
    `COPY unsimulated ${refused ? 'unsimulated-program ' : ''}bash /.strata-stand-in/\n`;
  if (links.length === 0) {
    return (
      copy +
      `# ${userland} has no merged /usr: /bin and the rest stay directories (USR_LINKS in src/container/userland.ts).\n` +
      commands +
      `RUN mkdir -p /.strata-stand-in && mv /bin/busybox /.strata-stand-in/busybox && rm /bin/* \\\n${keep}`
    );
  }
  const list = links.map((l) => `/${l}`);
  const names = `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  return (
    copy +
    `# Merged /usr as in the real image (${userland}; sources: USR_LINKS in src/container/userland.ts):\n` +
    `# ${names} are links into /usr.\n` +
    commands +
    `RUN mkdir -p ${links.map((l) => `/usr/${l}`).join(' ')} /.strata-stand-in \\\n` +
    ` && mv /bin/busybox /.strata-stand-in/busybox && rm /bin/* && rmdir /bin \\\n` +
    ` && ${links.map((l) => `ln -s usr/${l} /${l}`).join(' && ')} \\\n` +
    keep
  );
}

/**
 * The programs on PATH of a Debian package set (`PROGRAM_SET` in a tag's vars: a key of
 * catalog/debian-programs.json, which scripts/debian-programs.ts writes from Debian's indexes and
 * cites), as absolute paths under merged /usr.
 */
let debianPrograms: Record<string, { source: string; programs: string[] }> | undefined;
export function programsOfSet(set: string, where: string): string[] {
  debianPrograms ??= JSON.parse(fs.readFileSync(path.join(CATALOG_DIR, 'debian-programs.json'), 'utf8')) as Record<string, { source: string; programs: string[] }>;
  const entry = debianPrograms[set];
  if (entry === undefined) throw new CatalogError(`${where}: PROGRAM_SET ${JSON.stringify(set)} is no key of catalog/debian-programs.json`);
  return entry.programs;
}

/**
 * The end of a RUN step that gives each of `programs` (absolute paths, space-separated: PROGRAMS in a
 * tag's catalog.json vars) a link to /.strata-stand-in/unsimulated-program, the refusal by name of a
 * program the real image has and the stand-in does not run (catalog/README.md, "Programs"). The
 * stand-in's own steps must have copied the stub there. '' when there are none.
 */
export function programLinks(programs: string, where: string): string {
  const list = programs.split(/\s+/).filter((p) => p !== '');
  if (list.length === 0) return '';
  // `[` too: coreutils' `[` and rust-coreutils' GNU `gnu[` (Ubuntu 26.04), quoted below for the shell
  for (const p of list) if (!/^\/[A-Za-z0-9._\/+[-]+$/.test(p) || p.endsWith('/')) throw new CatalogError(`${where}: PROGRAMS: ${JSON.stringify(p)} is no absolute path of a program`);
  if (new Set(list).size !== list.length) throw new CatalogError(`${where}: PROGRAMS lists a path twice`);
  const dirs = [...new Set(list.map((p) => p.slice(0, p.lastIndexOf('/')) || '/'))].sort();
  const lines: string[] = [];
  let line = '   ';
  for (const p of list) {
    const word = p.includes('[') ? `'${p}'` : p;
    if (line.length + word.length > 100) {
      lines.push(line);
      line = '   ';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return ` \\\n && mkdir -p ${dirs.join(' ')} && for p in \\\n${lines.join(' \\\n')}; \\\n    do ln -s /.strata-stand-in/unsimulated-program $p; done`;
}

/** A file a generated step brings into its context (its path there, mode and text). */
interface ContextFile {
  rel: string;
  mode: number;
  text: string;
}

/**
 * `{{ALPINE_ROOTFS}}`: the build step that lays a stand-in of an Alpine-based image out as the
 * minirootfs of its Alpine version (`ALPINE_VERSION`, X.Y.Z from the image's `ADD
 * alpine-minirootfs-X.Y.Z-x86_64.tar.gz` line), for alpine itself and every image built on it, kept
 * once here. The facts come from the minirootfs tarballs of alpinelinux/docker-alpine (sources in
 * catalog/alpine/SOURCES.md, "The minirootfs"):
 * - `/etc/passwd`, `/etc/group` and `/etc/shadow` (640 root:shadow) of its alpine-baselayout-data
 *   (catalog/alpine/baselayout/): 3.4.x (3.17.10 and 3.19.4: the same files) before 3.20, 3.6.x from
 *   3.20 (3.20.3 and the edge rootfs of 20240923 that became 3.21: the same files);
 * - the other files of its `/etc` (catalog/alpine/etc/3.17, 3.19, 3.20: the tarballs' own; modes
 *   git cannot keep set by the step), `/etc/issue` and `/etc/secfixes.d/alpine` with the version put in;
 * - `/etc/alpine-release`, os-release (`/etc/os-release` before 3.21; from 3.21 `/usr/lib/os-release`
 *   with `/etc/os-release -> ../usr/lib/os-release`), `/etc/apk/arch` and `/etc/apk/repositories`,
 *   in the minirootfs's words with the version put in;
 * - alpine-baselayout's directories, their modes, and its links: absolute before 3.21
 *   (`/var/run -> /run`, `/var/lock/subsys` a directory), relative from 3.21 (`/var/run -> ../run`,
 *   `/var/lock -> ../run/lock`, ...), as the edge rootfs that became 3.21 has them;
 * - busybox's links as the version's minirootfs has them (src/image/alpine-busybox.ts): the base
 *   image's 268 `/bin/NAME -> busybox` go, and each applet of Alpine's busybox is a link
 *   `-> /bin/busybox` in /bin, /sbin, /usr/bin or /usr/sbin. An applet the stand-in's busybox
 *   (the oracle's 1.35) lacks (`adduser`, `nohup`, ...) is linked all the same: strata runs or
 *   refuses it by name as the image's busybox's (container/userland.ts busyboxBuildOf), a real
 *   engine says `applet not found`. The minirootfs's other programs (getent, ldd, scanelf,
 *   ssl_client, ...: ALPINE_OTHER_PROGRAMS) are copies of catalog/unsimulated-program, which
 *   refuses by name.
 * Returns the step and the files it copies from the context (under `alpine-rootfs/`).
 */
export function alpineRootfsStep(version: string, where: string): { step: string; files: ContextFile[] } {
  const m = /^3\.(\d+)\.(\d+)$/.exec(version);
  if (m === null) throw new CatalogError(`${where}: ALPINE_VERSION ${JSON.stringify(version)} is no Alpine 3.x point release (3.24.2)`);
  const minor = Number(m[1]);
  if (minor < 17) throw new CatalogError(`${where}: ALPINE_VERSION ${version}: the catalog knows the minirootfs of 3.17 and later only`);
  const branch = `3.${minor}`;
  const baselayout = minor < 20 ? '3.4' : '3.6';
  // both from the edge minirootfs that became 3.21
  const usrOsRelease = minor >= 21;
  const relative = minor >= 21;
  const data = (name: string): ContextFile => {
    const abs = path.join(CATALOG_DIR, 'alpine', 'baselayout', baselayout, name);
    return { rel: `alpine-rootfs/etc/${name}`, mode: 0o644, text: fs.readFileSync(abs, 'utf8') };
  };
  const osRelease = [
    'NAME="Alpine Linux"',
    'ID=alpine',
    `VERSION_ID=${version}`,
    `PRETTY_NAME="Alpine Linux v${branch}"`,
    'HOME_URL="https://alpinelinux.org/"',
    'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"',
    '',
  ].join('\n');
  // the other files of the minirootfs's /etc (alpine-baselayout, busybox, ...), one set per layout
  // (catalog/alpine/etc/<set>/: 3.17.10, 3.19.4 and 3.20.3 verbatim; 3.20.3's is edge's too)
  const etcSet = minor === 17 ? '3.17' : minor === 19 ? '3.19' : minor >= 20 ? '3.20' : undefined;
  if (etcSet === undefined) throw new CatalogError(`${where}: ALPINE_VERSION ${version}: no /etc of its minirootfs is kept (catalog/alpine/etc/)`);
  const etcDir = path.join(CATALOG_DIR, 'alpine', 'etc', etcSet);
  const files: ContextFile[] = walk(etcDir).map((f) => ({ rel: `alpine-rootfs/etc/${f.rel}`, mode: f.mode, text: f.text }));
  files.push(
    { rel: 'alpine-rootfs/etc/alpine-release', mode: 0o644, text: `${version}\n` },
    { rel: 'alpine-rootfs/etc/apk/arch', mode: 0o644, text: 'x86_64\n' },
    {
      rel: 'alpine-rootfs/etc/apk/repositories',
      mode: 0o644,
      text: `https://dl-cdn.alpinelinux.org/alpine/v${branch}/main\nhttps://dl-cdn.alpinelinux.org/alpine/v${branch}/community\n`,
    },
    data('group'),
    { rel: usrOsRelease ? 'alpine-rootfs/usr/lib/os-release' : 'alpine-rootfs/etc/os-release', mode: 0o644, text: osRelease },
    data('passwd'),
    // mode 640, group shadow (42): the step's chown and chmod (git keeps no such mode)
    data('shadow'),
    // alpine-release's: the branch's words (edge's say `edge`)
    { rel: 'alpine-rootfs/etc/issue', mode: 0o644, text: `Welcome to Alpine Linux ${branch}\nKernel \\r on an \\m (\\l)\n\n` },
    { rel: 'alpine-rootfs/etc/secfixes.d/alpine', mode: 0o644, text: `https://secdb.alpinelinux.org/v${branch}/main.json\nhttps://secdb.alpinelinux.org/v${branch}/community.json\n` },
  );
  // the minirootfs's programs that are not busybox: the refusal by name (catalog/unsimulated-program)
  const stub = catalogFile('unsimulated-program').text;
  for (const p of ALPINE_OTHER_PROGRAMS) files.push({ rel: `alpine-rootfs${p}`, mode: 0o755, text: stub });
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const linkSource = alpineLinkSource(version);
  if (linkSource === undefined) throw new CatalogError(`${where}: ALPINE_VERSION ${version}: no minirootfs is known for its busybox links`);
  const busyboxLinks = alpineBusyboxLinks(linkSource.source);
  const linkLines: string[] = [];
  let linkLine = '       ';
  for (const p of busyboxLinks) {
    // (`[` and `[[` quoted for the shell)
    const word = p.includes('[') ? `'${p}'` : p;
    if (linkLine.length + word.length > 110) {
      linkLines.push(linkLine);
      linkLine = '       ';
    }
    linkLine += ` ${word}`;
  }
  linkLines.push(linkLine);
  const linksFrom = linkSource.exact ? version : minor >= 21 ? 'edge 20240923 (inferred)' : `${linkSource.source} (inferred)`;
  // the directories every minirootfs from 3.17.10 to the edge one of 20240923 has (but /var/lock/subsys,
  // which goes in 3.21), all 755 root:root but /var/tmp 1777 and /var/empty 555 (/root 700 and /tmp
  // 1777 are busybox:latest's already); their files (musl, apk's database, keys, certificates) are not
  // copied
  const dirs = [
    '/etc/apk/keys /etc/apk/protected_paths.d /etc/crontabs /etc/logrotate.d /etc/modprobe.d /etc/modules-load.d',
    '/etc/network/if-down.d /etc/network/if-post-down.d /etc/network/if-post-up.d /etc/network/if-pre-down.d',
    '/etc/network/if-pre-up.d /etc/network/if-up.d /etc/opt /etc/periodic/15min /etc/periodic/daily /etc/periodic/hourly',
    '/etc/periodic/monthly /etc/periodic/weekly /etc/profile.d /etc/secfixes.d /etc/ssl/certs /etc/ssl/private /etc/sysctl.d',
    '/home /lib/apk/db /lib/apk/exec /lib/firmware /lib/modules-load.d /lib/sysctl.d /media/cdrom /media/floppy /media/usb',
    '/mnt /opt /run /sbin /srv /usr/bin /usr/lib/modules-load.d /usr/local/bin /usr/local/lib /usr/local/share /usr/sbin',
    `/usr/share/man /usr/share/misc /usr/share/udhcpc /var/cache/apk /var/cache/misc /var/empty /var/lib/misc /var/local${relative ? '' : ' /var/lock/subsys'}`,
    `/var/log /var/mail /var/opt /var/spool/cron /var/tmp${minor < 20 ? ' /etc/conf.d /etc/init.d' : ''}`,
  ];
  const links = relative
    ? ['ln -s ../run /var/run', 'ln -s ../run/lock /var/lock', 'ln -s ../mail /var/spool/mail', 'ln -s ../../../etc/crontabs /var/spool/cron/crontabs', 'ln -s ../usr/lib/os-release /etc/os-release']
    : ['ln -s /run /var/run', 'ln -s /var/mail /var/spool/mail', 'ln -s /etc/crontabs /var/spool/cron/crontabs'];
  const step =
    `# Alpine ${version}'s minirootfs, generated by \`npm run catalog\` (alpineRootfsStep in scripts/catalog.ts; sources:\n` +
    `# catalog/alpine/SOURCES.md): /etc/alpine-release, ${usrOsRelease ? '/usr/lib/os-release (/etc/os-release links to it)' : '/etc/os-release'}, /etc/apk/arch and repositories,\n` +
    `# alpine-baselayout-data ${baselayout}'s /etc/passwd, /etc/group and /etc/shadow (640 root:shadow); the other files of its /etc\n` +
    `# (catalog/alpine/etc/${etcSet}/, issue, secfixes.d; not /etc/ssl, apk's keys and world); alpine-baselayout's directories, modes and ${relative ? 'relative ' : ''}links;\n` +
    `# busybox's ${busyboxLinks.length} links as ${linksFrom} has them (src/image/alpine-busybox.ts), made by busybox\n` +
    `# itself once the base image's are gone; the other programs of the minirootfs refuse by name.\n` +
    `COPY alpine-rootfs/ /\n` +
    `RUN mkdir -p \\\n${dirs.map((d) => `        ${d}`).join(' \\\n')} \\\n` +
    ` && chmod 1777 /var/tmp && chmod 555 /var/empty \\\n` +
    ` && chown 0:42 /etc/shadow && chmod 640 /etc/shadow && chmod 600 /etc/crontabs/root && chmod 775 /etc/network/if-up.d/dad \\\n` +
    ` && ${links.join(' \\\n && ')} \\\n` +
    ` && cd /bin && /bin/busybox rm $(/bin/busybox ls -A | /bin/busybox grep -vx busybox) && cd / \\\n` +
    ` && for a in \\\n${linkLines.join(' \\\n')}; \\\n    do /bin/busybox ln -s /bin/busybox $a; done \\\n` +
    // (the base image's link times, BASE_MTIME in src/image/base.ts: what a recording prints of them is the same on every build)
    ` && /bin/busybox touch -h -d '2024-01-01 00:00:00' $(/bin/busybox find /bin /sbin /usr/bin /usr/sbin -type l)`;
  return { step, files };
}

/**
 * Files of the catalog's own, given to every context whose Dockerfile copies them: `unsimulated`,
 * the refusal the programs a stand-in cannot run are copies of (package managers, npm, pip), and
 * `bash`, the stand-in of GNU bash (usrMergeStep).
 */
const CATALOG_FILES = ['unsimulated', 'unsimulated-program', 'bash'];
function catalogFile(name: string): { rel: string; mode: number; text: string } {
  const abs = path.join(CATALOG_DIR, name);
  return { rel: name, mode: fs.statSync(abs).mode & 0o7777, text: fs.readFileSync(abs, 'utf8') };
}

/** `{{NAME}}` → vars[NAME]; a placeholder without a value is an error. */
export function applyTemplate(template: string, vars: Record<string, string>, where: string): string {
  return template.replace(/\{\{([A-Za-z0-9_]+)\}\}/g, (_, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(vars, name)) throw new CatalogError(`${where}: no value for {{${name}}}`);
    return vars[name];
  });
}

/** Files under dir, relative paths sorted, with their modes (regular files only). */
function walk(dir: string, rel = ''): { rel: string; mode: number; text: string }[] {
  if (!fs.existsSync(dir)) return [];
  const out: { rel: string; mode: number; text: string }[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    const st = fs.lstatSync(abs);
    if (st.isDirectory()) out.push(...walk(abs, r));
    else if (st.isFile()) out.push({ rel: r, mode: st.mode & 0o7777, text: fs.readFileSync(abs, 'utf8') });
    else throw new CatalogError(`${path.relative(ROOT, abs)}: only regular files and directories belong in files/`);
  }
  return out;
}

export interface CatalogImageData {
  repository: string;
  tag: string;
  /** The context directory under catalog/, e.g. `postgres/16`. */
  context: string;
  files: { path: string; mode: number; text: string }[];
  registry: { digest: string; layers: string[]; image?: { id: string; created: string; size?: string; sizeBytes?: number } };
}

/** repo-info's Created: RFC 3339 in UTC, to the second (remote's history) or the nanosecond (local's). */
const CREATED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
/** repo-info local's "Virtual Size: ~ 451.13 Mb" (or Gb), as the file writes it. */
// scan-local.sh's `~ %.2f Mb` (awk) or jq's two decimals without trailing zeros (src/image/real.ts sizeBounds)
const VIRTUAL_SIZE = /^\d+(?:\.\d{1,2})? [KMG]b$/;

/**
 * `registry.image`: the Image ID of the pinned remote's linux/amd64 section, its Created, and a
 * size only with the local file it comes from, which must describe the same image (the local
 * file is often of another build of the tag: its Image ID says so). Created must come before
 * READER_CLOCK, the day a normal install's session starts on (src/engine/initial-state.ts).
 */
export function checkRealImage(im: NonNullable<RegistryJson['image']>, where: string): void {
  if (!DIGEST.test(im.id ?? '')) throw new CatalogError(`${where}: "id" must be the Image ID, sha256:<64 hex>`);
  if (!CREATED.test(im.created ?? '') || Number.isNaN(Date.parse(im.created))) throw new CatalogError(`${where}: "created" must be RFC 3339 in UTC (2026-09-19T00:36:54Z)`);
  // a pulled image comes before the day it is pulled on (READER_CLOCK, src/engine/initial-state.ts)
  if (Date.parse(im.created) / 1000 >= READER_CLOCK) throw new CatalogError(`${where}: "created" ${im.created} is not before READER_CLOCK (src/engine/initial-state.ts): move the reader's date on`);
  if (/\./.test(im.created) || im.size !== undefined) {
    if (!im.local || !HEX40.test(im.local.commit ?? '') || !/^repos\/[^/]+\/local\/[^/]+\.md$/.test(im.local.path ?? '')) {
      throw new CatalogError(`${where}: a size or a Created to the nanosecond comes from repo-info's local file: "local" needs its commit and path`);
    }
  }
  if (im.size !== undefined && !VIRTUAL_SIZE.test(im.size)) throw new CatalogError(`${where}: "size" must be repo-info's Virtual Size as written (451.13 Mb)`);
  // the size to the byte, where the image's files are known without repo-info's local file (an
  // image of one file: its size is that file's, moby's overlay2 DiffSize): one or the other
  if (im.sizeBytes !== undefined) {
    if (!Number.isSafeInteger(im.sizeBytes) || im.sizeBytes <= 0) throw new CatalogError(`${where}: "sizeBytes" must be a whole number of bytes`);
    if (im.size !== undefined) throw new CatalogError(`${where}: "sizeBytes" and "size" are two sources of one size: give one`);
    if (typeof im.sizeSource !== 'string' || im.sizeSource.trim() === '') throw new CatalogError(`${where}: "sizeBytes" needs "sizeSource", where the bytes are counted`);
  } else if (im.sizeSource !== undefined) {
    throw new CatalogError(`${where}: "sizeSource" without "sizeBytes"`);
  }
}

function realImage(im: NonNullable<RegistryJson['image']>): { id: string; created: string; size?: string; sizeBytes?: number } {
  return { id: im.id, created: im.created, ...(im.size !== undefined ? { size: im.size } : {}), ...(im.sizeBytes !== undefined ? { sizeBytes: im.sizeBytes } : {}) };
}

/** Every repository's generated contexts, in a stable order. */
export function generateCatalog(): { files: GeneratedFile[]; images: CatalogImageData[]; incomplete: string[] } {
  const files: GeneratedFile[] = [];
  const images: CatalogImageData[] = [];
  const incomplete: string[] = [];
  if (!fs.existsSync(CATALOG_DIR)) return { files, images, incomplete };
  for (const repoName of fs.readdirSync(CATALOG_DIR).sort()) {
    const repoDir = path.join(CATALOG_DIR, repoName);
    if (!fs.statSync(repoDir).isDirectory()) continue;
    const jsonPath = path.join(repoDir, 'catalog.json');
    // A repository being written (no catalog.json yet) is left out, and reported.
    if (!fs.existsSync(jsonPath)) {
      incomplete.push(`catalog/${repoName}: no catalog.json`);
      continue;
    }
    const repo = readJson(jsonPath);
    const where = `catalog/${repoName}/catalog.json`;
    if (repo.repository !== repoName) throw new CatalogError(`${where}: "repository" is ${JSON.stringify(repo.repository)}, the directory is ${repoName}`);
    if (!repo.upstream || !HEX40.test(repo.upstream.commit ?? '')) throw new CatalogError(`${where}: "upstream.commit" must be a 40-hex commit of ${repo.upstream?.repo ?? 'the upstream repository'}`);
    const shared = walk(path.join(repoDir, 'files'));
    // One client for two images (mysql and mariadb): kept once, in the repository that owns it.
    for (const [rel, from] of Object.entries(repo.sharedFiles ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const abs = path.resolve(CATALOG_DIR, from);
      if (!abs.startsWith(CATALOG_DIR + path.sep) || !fs.existsSync(abs) || !fs.statSync(abs).isFile()) throw new CatalogError(`${where}: "sharedFiles" ${rel}: no file catalog/${from}`);
      if (shared.some((f) => f.rel === rel)) throw new CatalogError(`${where}: "sharedFiles" ${rel} is also in files/`);
      shared.push({ rel, mode: fs.statSync(abs).mode & 0o7777, text: fs.readFileSync(abs, 'utf8') });
    }
    shared.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    for (const [tag, t] of Object.entries(repo.tags).sort(([a], [b]) => a.localeCompare(b))) {
      if (!TAG.test(tag)) throw new CatalogError(`${where}: ${JSON.stringify(tag)} is not a valid tag`);
      const target = t.sameAs !== undefined ? repo.tags[t.sameAs] : t;
      if (target === undefined || target.sameAs !== undefined) throw new CatalogError(`${where}: tag ${tag}: "sameAs" must name a tag that is not itself an alias`);
      if (!target.template) throw new CatalogError(`${where}: tag ${tag}: no "template"`);
      const reg = target.registry;
      if (!reg || !DIGEST.test(reg.digest ?? '') || !Array.isArray(reg.layers) || reg.layers.length === 0 || !reg.layers.every((l) => DIGEST.test(l))) {
        throw new CatalogError(`${where}: tag ${tag}: "registry" needs "digest" and "layers" (sha256:<64 hex> each)`);
      }
      if (!reg.repoInfo || !HEX40.test(reg.repoInfo.commit ?? '') || !reg.repoInfo.path) throw new CatalogError(`${where}: tag ${tag}: "registry.repoInfo" needs the repo-info commit and path`);
      if (reg.image !== undefined) checkRealImage(reg.image, `${where}: tag ${tag}: "registry.image"`);
      const templatePath = path.join(repoDir, target.template);
      if (!fs.existsSync(templatePath)) throw new CatalogError(`${where}: tag ${tag}: no template ${target.template}`);
      // An alias is built from exactly its target's context, so both tags name one image ID.
      const vars: Record<string, string> = { REPOSITORY: repoName, TAG: t.sameAs ?? tag, ...(target.vars ?? {}) };
      const template = fs.readFileSync(templatePath, 'utf8');
      const tplWhere = `catalog/${repoName}/${target.template} for ${tag}`;
      if (vars.USERLAND !== undefined) {
        // a stand-in of a GNU system is laid out as that system (no template may forget it)
        if (!template.includes('{{USRMERGE}}')) throw new CatalogError(`${tplWhere}: a template with USERLAND needs a {{USRMERGE}} line after FROM`);
        vars.USRMERGE = usrMergeStep(vars.USERLAND, tplWhere, vars.EXTRA_PACKAGES ?? '', vars.EXTRA_PACKAGES_SOURCE, vars.PROGRAMS ?? '', vars.PROGRAM_SET);
      } else if (template.includes('{{PROGRAM_LINKS}}')) {
        // a stand-in of another system (Alpine) ends a RUN step with them, after copying the stub itself
        vars.PROGRAM_LINKS = programLinks(vars.PROGRAMS ?? '', tplWhere);
      }
      // a stand-in of an Alpine-based image is laid out as its Alpine version's minirootfs
      let alpineFiles: ContextFile[] = [];
      if (template.includes('{{ALPINE_ROOTFS}}')) {
        if (vars.ALPINE_VERSION === undefined) throw new CatalogError(`${tplWhere}: {{ALPINE_ROOTFS}} needs ALPINE_VERSION`);
        const rootfs = alpineRootfsStep(vars.ALPINE_VERSION, tplWhere);
        vars.ALPINE_ROOTFS = rootfs.step;
        alpineFiles = rootfs.files;
      }
      if (vars.PROGRAM_SET !== undefined && vars.USERLAND === undefined) throw new CatalogError(`${tplWhere}: PROGRAM_SET needs USERLAND (the {{USRMERGE}} step makes its links)`);
      if (vars.PROGRAMS !== undefined && !vars.PROGRAMS_SOURCE) throw new CatalogError(`${tplWhere}: PROGRAMS needs PROGRAMS_SOURCE (where the real image gets them)`);
      const body = applyTemplate(template, vars, tplWhere);
      const notice = `# GENERATED by \`npm run catalog\` from ../${target.template} and ../catalog.json: edit those, not this file.\n`;
      // the files every stand-in of a kind has, kept once (catalog/unsimulated, catalog/bash)
      const own = [...shared];
      for (const f of alpineFiles) {
        if (own.some((o) => o.rel === f.rel)) throw new CatalogError(`catalog/${repoName}: ${f.rel} is made by {{ALPINE_ROOTFS}}: remove it from files/ and "sharedFiles"`);
        own.push(f);
      }
      own.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
      for (const name of CATALOG_FILES) {
        if (!new RegExp(`^COPY(?: \\S+)* ${name} `, 'm').test(body)) continue;
        if (own.some((f) => f.rel === name)) throw new CatalogError(`catalog/${repoName}/files/${name}: it is catalog/${name}, given to every context that copies it`);
        own.push(catalogFile(name));
        own.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
      }
      const ctxFiles = [{ rel: 'Dockerfile', mode: 0o644, text: notice + body }, ...own];
      for (const f of ctxFiles) files.push({ path: `${repoName}/${tag}/${f.rel}`, mode: f.mode, text: f.text });
      images.push({
        repository: repoName,
        tag,
        context: `${repoName}/${tag}`,
        files: ctxFiles.map((f) => ({ path: f.rel, mode: f.mode, text: f.text })),
        registry: { digest: reg.digest, layers: [...reg.layers], ...(reg.image ? { image: realImage(reg.image) } : {}) },
      });
    }
  }
  return { files, images, incomplete };
}

/** The TypeScript module strata embeds: contexts with shared texts stored once. */
export function bundleSource(images: CatalogImageData[]): string {
  const blobs: string[] = [];
  const index = new Map<string, number>();
  const blob = (text: string): number => {
    let i = index.get(text);
    if (i === undefined) {
      i = blobs.length;
      blobs.push(text);
      index.set(text, i);
    }
    return i;
  };
  const entries = images.map((im) => ({
    repository: im.repository,
    tag: im.tag,
    context: im.context,
    files: im.files.map((f) => ({ path: f.path, mode: f.mode, blob: blob(f.text) })),
    registry: im.registry,
  }));
  return (
    '// GENERATED by `npm run catalog` from catalog/: do not edit (npm test checks it is current).\n' +
    "import type { CatalogData } from './types.ts';\n\n" +
    // One JSON string, parsed on first use: a string literal costs little to load, a 500 kB object
    // literal costs every process that starts strata (the CLI's start-up time).
    `const JSON_TEXT = ${JSON.stringify(JSON.stringify({ blobs, images: entries }))};\n\n` +
    'let data: CatalogData | undefined;\n\n' +
    '/** The catalog, parsed once. */\n' +
    'export function catalogData(): CatalogData {\n' +
    '  data ??= JSON.parse(JSON_TEXT) as CatalogData;\n' +
    '  return data;\n' +
    '}\n'
  );
}

/** Generated tag directories on disk: every <repo>/<tag>/ named in a catalog.json. */
function staleFiles(files: GeneratedFile[]): string[] {
  const problems: string[] = [];
  const expected = new Map(files.map((f) => [f.path, f]));
  const tagDirs = new Set(files.map((f) => f.path.split('/').slice(0, 2).join('/')));
  for (const d of tagDirs) {
    for (const f of walk(path.join(CATALOG_DIR, d))) {
      const p = `${d}/${f.rel}`;
      const want = expected.get(p);
      if (!want) problems.push(`catalog/${p}: not generated (remove it, or add it to files/)`);
      else if (want.text !== f.text) problems.push(`catalog/${p}: differs from what npm run catalog writes`);
      else if (want.mode !== f.mode) problems.push(`catalog/${p}: mode ${f.mode.toString(8)}, expected ${want.mode.toString(8)}`);
    }
  }
  for (const f of files) if (!fs.existsSync(path.join(CATALOG_DIR, f.path))) problems.push(`catalog/${f.path}: missing`);
  return problems;
}

export function checkCatalog(): string[] {
  const { files, images, incomplete } = generateCatalog();
  const problems = [...incomplete, ...staleFiles(files)];
  const bundle = bundleSource(images);
  if (!fs.existsSync(BUNDLE_PATH) || fs.readFileSync(BUNDLE_PATH, 'utf8') !== bundle) problems.push(`${path.relative(ROOT, BUNDLE_PATH)}: stale`);
  return problems;
}

function writeAll(): void {
  const { files, images, incomplete } = generateCatalog();
  for (const p of incomplete) process.stderr.write(`catalog: skipped ${p}\n`);
  const tagDirs = new Set(files.map((f) => f.path.split('/').slice(0, 2).join('/')));
  for (const d of tagDirs) fs.rmSync(path.join(CATALOG_DIR, d), { recursive: true, force: true });
  for (const f of files) {
    const abs = path.join(CATALOG_DIR, f.path);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, f.text);
    fs.chmodSync(abs, f.mode);
  }
  fs.mkdirSync(path.dirname(BUNDLE_PATH), { recursive: true });
  fs.writeFileSync(BUNDLE_PATH, bundleSource(images));
  process.stdout.write(`catalog: ${images.length} images, ${files.length} files\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--check')) {
      const problems = checkCatalog();
      for (const p of problems) process.stderr.write(p + '\n');
      process.exit(problems.length === 0 ? 0 : 1);
    }
    writeAll();
  } catch (e) {
    if (!(e instanceof CatalogError)) throw e;
    process.stderr.write(`catalog: ${e.message}\n`);
    process.exit(2);
  }
}
