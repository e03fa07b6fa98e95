// The build context as the CLI sends it: the context directory minus what `.dockerignore`
// excludes (the Dockerfile and .dockerignore are always sent), as a tar whose size the legacy
// builder reports (`Sending build context to Docker daemon  3.072kB`).

import type { Vfs } from '../../fs/vfs.ts';
import { toBytes } from '../../fs/bytes.ts';

interface IgnoreRule {
  re: RegExp;
  negate: boolean;
  /** The cleaned pattern (moby patternmatcher Pattern.String). */
  pattern: string;
}

/**
 * moby/patternmatcher: `*`, `?`, `**`, `[...]`; a rule matching a directory excludes its content.
 * `**` at the end of a pattern is anything; elsewhere it is any number of whole directories (the
 * regular expression `(.*` `/)?`: `a**b` is `ab` or `a/x/b`, never `axb`; `**.go` is `.go` or
 * `sub/.go`). BuildKit's patternmatcher (v0.5 on: buildx sends the 26.1 context through it) takes
 * a pattern that starts with `**` and has no other wildcard or escape as a suffix instead: `**.go`
 * excludes `main.go` there (recorded on both engines: builds/dockerignore-doublestar).
 */
function ruleRegex(pattern: string, suffixMatch: boolean): RegExp {
  const literal = (s: string): string => s.replace(/[.+^${}()|[\]\\/*?]/g, (c) => '\\' + c);
  if (suffixMatch && pattern.startsWith('**') && pattern[2] !== '/' && !/[*?[\\]/.test(pattern.slice(2))) return new RegExp(`^.*${literal(pattern.slice(2))}$`);
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
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += '[' + pattern.slice(i + 1, end).replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) re += '\\' + pattern[++i];
    else re += literal(ch);
  }
  return new RegExp(`^${re}$`);
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

  /** `suffixMatch`: BuildKit's patternmatcher (see ruleRegex). */
  constructor(text: string, suffixMatch = false) {
    this.rules = [];
    for (const raw of text.split('\n')) {
      let line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const negate = line.startsWith('!');
      if (negate) line = line.slice(1).trim();
      const pattern = cleanPattern(line);
      if (pattern === '') continue;
      this.rules.push({ re: ruleRegex(pattern, suffixMatch), negate, pattern });
    }
  }

  /**
   * `rel` (relative to the context, no leading `/`) is left out of the context the CLI sends:
   * the Dockerfile and .dockerignore are always sent (docker/cli TrimBuildFilesFromExcludes).
   */
  excludes(rel: string): boolean {
    if (rel === 'Dockerfile' || rel === '.dockerignore') return false;
    return this.matches(rel);
  }

  /**
   * `rel` is not there for COPY/ADD: the legacy daemon removes a Dockerfile or .dockerignore the
   * file lists (moby builder/remotecontext/detect.go removeDockerfile), BuildKit never gets them.
   */
  hides(rel: string): boolean {
    return this.matches(rel);
  }

  /** The last rule matching the path or one of its parents decides (moby patternmatcher). */
  private matches(rel: string): boolean {
    let excluded = false;
    const parts = rel.split('/');
    for (const rule of this.rules) {
      // A rule matches the path itself or one of its parent directories.
      let hit = false;
      for (let n = 1; n <= parts.length && !hit; n++) hit = rule.re.test(parts.slice(0, n).join('/'));
      if (hit) excluded = !rule.negate;
    }
    return excluded;
  }

  /**
   * An excluded directory is still walked (without its own entry) when an exception pattern
   * starts with it (`docs` then `!docs/README.md`): moby pkg/archive TarWithOptions.
   */
  walksInto(dirRel: string): boolean {
    return this.rules.some((r) => r.negate && `${r.pattern}/`.startsWith(`${dirRel}/`));
  }
}

export function readDockerIgnore(fs: Vfs, dir: string, suffixMatch = false): DockerIgnore {
  const path = `${dir}/.dockerignore`;
  return new DockerIgnore(fs.exists(path) && fs.stat(path).kind === 'file' ? fs.readFile(path) : '', suffixMatch);
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
