// The build context as the CLI sends it: the context directory minus what `.dockerignore`
// excludes (the Dockerfile and .dockerignore are always sent), as a tar whose size the legacy
// builder reports (`Sending build context to Docker daemon  3.072kB`).

import type { Vfs } from '../../fs/vfs.ts';
import { toBytes } from '../../fs/bytes.ts';
import { globMalformed } from '../glob.ts';

interface IgnoreRule {
  /** Whether the pattern matches a path (relative, `/`-separated); undefined: it does not compile. */
  test: ((path: string) => boolean) | undefined;
  negate: boolean;
  /** The cleaned pattern (moby patternmatcher Pattern.String). */
  pattern: string;
}

/**
 * A pattern as a regular expression, the way moby's fileutils (the 20.10 CLI) and BuildKit's
 * patternmatcher compile it: `*` is `[^/]*`, `?` is `[^/]`, `[...]` a class; `**` at the end is
 * anything, elsewhere any number of whole directories (the regular expression `(.*` `/)?`: `a**b`
 * is `ab` or `a/x/b`, never `axb`; recorded: builds/dockerignore-doublestar). The 20.10 CLI
 * escapes only `.` and `$`: every other character goes to the regular expression as it is
 * (`a+b` excludes `aab`, `p|q` excludes `p`; recorded: builds/dockerignore-regexp); BuildKit's
 * patternmatcher escapes `.`, `+`, `(` and `)` but not `|` (`p|q?` excludes `p1`; recorded:
 * builds/dockerignore-regexp-wildcards; `^`, `{`, `}` and `$` are escaped here, not recorded).
 */
function ruleRegex(pattern: string, literalAll: boolean): RegExp | undefined {
  const literal = (c: string): string => (literalAll ? c.replace(/[.+^${}()]/g, (x) => '\\' + x) : c.replace(/[.$]/g, (x) => '\\' + x));
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        re += i + 1 < pattern.length ? '(?:.*/)?' : '.*';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[' && literalAll) {
      // A class as it is, up to its first `]` that no `\` escapes (recorded:
      // builds/dockerignore-classes: `[^a]b` excludes `cb` and `[\]]k` excludes `]k`, on both).
      let end = i + 1;
      while (end < pattern.length && pattern[end] !== ']') end += pattern[end] === '\\' ? 2 : 1;
      if (end >= pattern.length) return undefined;
      re += pattern.slice(i, end + 1);
      i = end;
    } else if (ch === '\\') {
      // an escape that ends the pattern is malformed (path.Match's ErrBadPattern) on both engines
      if (i + 1 === pattern.length) return undefined;
      re += '\\' + pattern[++i];
    } else re += literal(ch);
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return undefined;
  }
}

/**
 * How a rule matches. BuildKit's patternmatcher (v0.5 on: buildx sends the 26.1 context through
 * it) compares a pattern without wildcards or escapes as a string (`a+b` excludes `a+b`, `a(` is
 * a name; recorded: builds/dockerignore-regexp), and takes one that starts with `**` and has no
 * other as a suffix (`**.go` excludes `main.go` there, only `.go` and `sub/.go` on 20.10).
 */
function ruleTest(pattern: string, buildkit: boolean): ((path: string) => boolean) | undefined {
  const plain = !/[*?[\\]/.test(pattern);
  if (buildkit && plain) return (path) => path === pattern;
  if (buildkit && pattern.startsWith('**') && pattern[2] !== '/' && !/[*?[\\]/.test(pattern.slice(2))) {
    const suffix = pattern.slice(2);
    return (path) => path.endsWith(suffix);
  }
  const re = ruleRegex(pattern, buildkit);
  return re && ((path) => re.test(path));
}

function cleanPattern(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

export class DockerIgnore {
  private readonly rules: IgnoreRule[];
  /**
   * Why the build fails before anything is sent, in the engine's words, when a pattern does not
   * compile (recorded: builds/dockerignore-bad-pattern): the 20.10 CLI checks every pattern;
   * BuildKit refuses one path.Match calls malformed when it reads them, and finds a class that
   * compiles to no regular expression (`[z-a]`) only when it matches.
   */
  readonly problem: string | undefined;
  private readonly buildkit: boolean;

  /**
   * `buildkit`: the 26.1 profile's patternmatcher (see ruleTest). `from`: how the context comes
   * (BuildRequest.contextFrom): `archive` names the Dockerfile of a tar read from stdin, which the
   * CLI sends as it is; `stdinDockerfile` (`-f -`): a file named Dockerfile in the directory is
   * an ordinary file that the patterns may exclude (docker/cli TrimBuildFilesFromExcludes keeps
   * it only when the Dockerfile does not come from stdin).
   */
  constructor(text: string, buildkit = false, private readonly from: { archive?: string; stdinDockerfile?: boolean; dockerfile?: string } = {}) {
    this.rules = [];
    // The patterns as the CLI sends them (docker/cli and buildx read .dockerignore with moby's
    // ignorefile.ReadAll: trimmed, `!` and the trimmed rest, filepath.Clean, one leading `/` off
    // unless it is all): a line that cleans to nothing is sent as `.` or `/` and matches nothing
    // (recorded: builds/dockerignore-classes, `invalid excludepatterns: [ok . / . !x h[i]`).
    const sent: string[] = [];
    for (const raw of text.split('\n')) {
      let line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const negate = line.startsWith('!');
      if (negate) line = line.slice(1).trim();
      const pattern = cleanPattern(line);
      sent.push((negate ? '!' : '') + (pattern !== '' ? pattern : line.startsWith('/') ? '/' : '.'));
      if (pattern === '') continue;
      this.rules.push({ test: ruleTest(pattern, buildkit), negate, pattern });
    }
    this.buildkit = buildkit;
    const broken = this.rules.filter((r) => r.test === undefined);
    // Nobody checks the patterns of an archive's .dockerignore: the CLI does not read it, and
    // removeDockerfile drops fileutils.Matches' error.
    if (broken.length === 0 || from.archive !== undefined) this.problem = undefined;
    else if (!buildkit) this.problem = 'error checking context: syntax error in pattern';
    else if (broken.some((r) => globMalformed(toBytes(r.pattern)))) {
      const listed = sent.join(' ');
      this.problem = `ERROR: failed to solve: rpc error: code = Unknown desc = invalid excludepatterns: [${listed}]: syntax error in pattern`;
    } else this.problem = 'ERROR: failed to solve: error from sender: failed to match excludepatterns: syntax error in pattern';
  }

  /**
   * `rel` (relative to the context, no leading `/`) is left out of the context the CLI sends:
   * the Dockerfile and .dockerignore are always sent (docker/cli TrimBuildFilesFromExcludes).
   */
  excludes(rel: string): boolean {
    if (this.from.archive !== undefined) return false;
    if ((rel === (this.from.dockerfile ?? 'Dockerfile') && this.from.stdinDockerfile !== true) || rel === '.dockerignore') return false;
    return this.matches(rel);
  }

  /**
   * `rel` is not there for COPY/ADD: the legacy daemon removes a Dockerfile or .dockerignore the
   * file lists (moby builder/remotecontext/detect.go removeDockerfile), BuildKit never gets them.
   */
  hides(rel: string): boolean {
    // An archive from stdin: the legacy daemon removes its Dockerfile and .dockerignore when
    // .dockerignore lists them, nothing else; BuildKit leaves it whole (recorded:
    // builds/build-context-archive-stdin; a .dockerignore listing either is refused there).
    if (this.from.archive !== undefined) return !this.buildkit && (rel === '.dockerignore' || rel === this.from.archive) && this.matches(rel);
    return this.matches(rel);
  }

  /** The last rule matching the path or one of its parents decides (moby patternmatcher). */
  private matches(rel: string): boolean {
    let excluded = false;
    const parts = rel.split('/');
    for (const rule of this.rules) {
      // A rule matches the path itself or one of its parent directories.
      let hit = false;
      for (let n = 1; n <= parts.length && !hit; n++) hit = rule.test?.(parts.slice(0, n).join('/')) === true;
      if (hit) excluded = !rule.negate;
    }
    return excluded;
  }

  /**
   * An excluded directory is still walked (without its own entry) when an exception pattern
   * starts with it (`docs` then `!docs/README.md`): moby pkg/archive TarWithOptions.
   */
  walksInto(dirRel: string): boolean {
    return this.keepsDir(dirRel) || this.rules.some((r) => r.negate && `${r.pattern}/`.startsWith(`${dirRel}/`));
  }

  /**
   * The legacy builder's `-f` file below excluded directories: the CLI sends it anyway (docker/cli
   * TrimBuildFilesFromExcludes adds `!FILE`), so the daemon makes its directories (0755) to hold
   * it, and then removes the file (removeDockerfile): they stay, empty of what is excluded
   * (recorded: builds/dockerfile-in-ignored-dir).
   */
  keepsDir(dirRel: string): boolean {
    return this.from.dockerfile !== undefined && this.from.dockerfile.startsWith(`${dirRel}/`);
  }
}

/** `dockerfile`: the legacy builder's `-f` file, relative to the context it is in (DockerIgnore.keepsDir). */
export function readDockerIgnore(fs: Vfs, dir: string, buildkit: boolean, dockerfile?: string, own?: string): DockerIgnore {
  // BuildKit: an ignore file named after the Dockerfile beside it (`app.Dockerfile.dockerignore`)
  // replaces the context's .dockerignore (recorded: builds/dockerfile-dockerignore)
  const path = own !== undefined && fs.exists(own) && fs.stat(own).kind === 'file' ? own : `${dir}/.dockerignore`;
  return new DockerIgnore(fs.exists(path) && fs.stat(path).kind === 'file' ? fs.readFile(path) : '', buildkit, dockerfile === undefined ? {} : { dockerfile });
}

/** The .dockerignore of a tar read from stdin as the context (see DockerIgnore `from`). */
export function archiveIgnore(fs: Vfs, dir: string, buildkit: boolean, dockerfile: string): DockerIgnore {
  const path = `${dir}/.dockerignore`;
  return new DockerIgnore(fs.exists(path) && fs.stat(path).kind === 'file' ? fs.readFile(path) : '', buildkit, { archive: dockerfile });
}

const block = (n: number): number => Math.ceil(n / 512) * 512;

/** Bytes of the tar of the context (a 512-byte header per entry, data in 512-byte blocks, 1 KiB end). */
export function contextTarSize(fs: Vfs, dir: string, ignore: DockerIgnore): number {
  let size = 1024;
  const walk = (abs: string, rel: string): void => {
    for (const name of fs.readdir(abs)) {
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const st = fs.lstat(`${abs}/${name}`);
      if (ignore.excludes(childRel)) {
        if (st.kind === 'dir' && ignore.walksInto(childRel)) walk(`${abs}/${name}`, childRel);
        continue;
      }
      size += 512;
      if (st.kind === 'file') size += block(st.size);
      if (st.kind === 'dir') walk(`${abs}/${name}`, childRel);
    }
  };
  walk(dir, '');
  return size;
}

/** The legacy builder's context when the Dockerfile comes from stdin: a tar holding just it. */
export function stdinContextSize(dockerfile: string): number {
  return 1024 + 512 + block(toBytes(dockerfile).length);
}
