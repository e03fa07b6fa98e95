// COPY and ADD: sources from the build context (what .dockerignore leaves), or with --from from an
// earlier stage or an image; wildcards; ADD's unpacking of local archives; --chown and --chmod.
// Rules follow moby builder/dockerfile/copy.go (legacy) and BuildKit
// frontend/dockerfile/dockerfile2llb/convert.go dispatchCopy (BuildKit), as recorded under
// test/recorded/*/builds/.

import type { Vfs } from '../../fs/vfs.ts';
import type { Namespace } from '../../fs/namespace.ts';
import type { EngineState } from '../../engine/state.ts';
import type { EngineProfile } from '../../engine/profile.ts';
import { sha256Hex } from '../../engine/ids.ts';
import { isTarHeader, readTar } from '../../archive/tar.ts';
import { UnsupportedCompression, decompress } from '../../archive/compression.ts';
import { LimitError } from '../../fs/errors.ts';
import { globMatch } from '../glob.ts';
import { followInScope, TooManyLinks } from '../../fs/follow-in-scope.ts';
import { components, normalize } from '../../fs/path.ts';
import { chompHeredoc, jsonArray, parseHeredoc, splitFlags, splitWords, type Instruction } from './dockerfile.ts';
import { memoryFs } from '../../fs/memory.ts';
import { dir } from '../../fs/node.ts';
import type { DockerIgnore } from './context.ts';
import { addBuildLayer, nopText, stepMergedDir, stepView, type BuildState } from './build-state.ts';
import { Refusal, StepFailure } from './failures.ts';
import { stepExpander } from './expand.ts';
import { buildkitOwner, type Owner } from './owner.ts';
import { databaseRows } from '../../fs/database.ts';
import { legacySourceHash, legacySourcesHash } from './source-hash.ts';
import { DATA_ROOT } from '../../engine/data-root.ts';

export interface CopyContext {
  /** The build context on the host (undefined when the Dockerfile came from stdin). */
  context: { fs: Vfs; dir: string } | undefined;
  env: Record<string, string>;
  ignore: DockerIgnore | undefined;
  /** The root file system of `--from=REF` (a stage or an image), with its layers. */
  source: (ref: string) => { fs: Namespace; layers: readonly string[] };
}

/** Where sources are read from: the context directory (minus .dockerignore) or a stage's root. */
interface SourceTree {
  fs: Vfs;
  root: string;
  /** Leaves out .dockerignore'd context entries; undefined for --from. */
  ignore: DockerIgnore | undefined;
  fromStage: boolean;
  /**
   * BuildKit checks the sources before the step runs (a missing one fails the cache key): always,
   * except for a --from state that is the step's own destination state (its selectors are
   * dropped, so the copy runs and its lstat fails). Unused by the legacy builder.
   */
  checksummed: boolean;
}

/** `--chmod` and `RUN --mount` are BuildKit's; the legacy builder refuses them at their step. */
export function requiresBuildKit(option: string): string {
  return `the --${option} option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled`;
}

export function copyStep(st: EngineState, profile: EngineProfile, b: BuildState, ins: Instruction, ctx: CopyContext): void {
  const legacy = profile.builder === 'legacy';
  // The flags lead; the arguments after them are in the exec or the shell form (recorded:
  // builds/copy-json-flags, where `COPY a --x /d/` copies a source named --x).
  const { flags, args } = splitFlags(ins.rest);
  const words = jsonArray(args) ?? splitWords(args, ins.escape);
  // --chown, the sources and the destination are expanded (instructions CopyCommand.Expand);
  // a word that does not expand fails the step (expand.ts)
  const x = stepExpander(ins, ctx.env, legacy);
  let chownSpec: string | undefined;
  let chmod: number | undefined;
  /** --chmod as written (BuildKit's history shows it so). */
  let chmodText: string | undefined;
  let from: string | undefined;
  for (const f of flags) {
    // Stryker disable next-line Regex: (.*) runs to the end, and a flag the pattern does not take is refused in the same words as one it takes without a value, so neither its $ nor its optional group can be told
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(f);
    const name = m?.[1];
    // --from is taken as written by both builders (recorded: builds/copy-from-variable)
    const value = m?.[2] === undefined ? undefined : name === 'chown' ? x(m[2]) : m[2];
    if (name === 'chown' && value !== undefined) chownSpec = value;
    else if (name === 'from' && value !== undefined) from = value;
    else if (name === 'chmod' && value !== undefined) {
      chmodText = value;
      const text = requiresBuildKit('chmod');
      if (legacy) throw new StepFailure(ins, text, text, 1);
      // BuildKit 0.13 takes an octal mode only, and drops any other value without a word: the
      // files keep their modes (dockerfile2llb dispatchCopy: `strconv.ParseUint(cfg.chmod, 8,
      // 32)`, its error ignored; recorded: builds/rw-copy-link-chmod, `u+x`, `u=rwx,go=r`).
      // Longer octal numbers would set os.FileMode's type bits: refused.
      if (/^[0-7]{1,4}$/.test(value)) chmod = parseInt(value, 8);
      else if (/^[0-7]+$/.test(value)) throw new Refusal(`strata does not simulate \`${ins.cmd} --chmod=${value}\` (an octal mode above 7777)`);
    } else if (name === 'link' && (value === undefined || value === 'true' || value === 'false')) {
      // The 26.1 daemon's BuildKit on the graph-driver image store copies as without --link: the
      // same layer, the same image ID, no --link in the history (recorded: builds/copy-link).
    } else throw new Refusal(`strata does not simulate \`${ins.cmd} ${f.split('=')[0]}\``);
  }
  if (words.length < 2) throw new StepFailure(ins, `${ins.cmd} requires at least two arguments`, `${ins.cmd} requires at least two arguments`, 1);
  const sources = words.slice(0, -1).map(x);
  // ADD fetches a URL or a git repository: strata has no network.
  const remote = sources.find((s) => /^(https?|git|ssh):\/\/|^git@/.test(s));
  if (remote !== undefined) throw new Refusal(`strata does not simulate ${ins.cmd} from a URL (${remote}): there is no network`);
  // The history names the destination as written (moby createCopyInstruction's inst.dest;
  // recorded: builds/copy-history).
  const written = x(words[words.length - 1]);
  // (followInScope below cleans the `//` of a relative destination under the root)
  let dest = written.startsWith('/') ? written : `${b.config.WorkingDir}/${written}`;
  let tree: SourceTree;
  const docs = heredocSources(st, ins, words, x);
  if (docs !== undefined) {
    if (from !== undefined || docs.names.length !== sources.length) {
      throw new Refusal(`strata does not simulate ${ins.cmd} of here-documents together with other sources: BuildKit's result for it is not recorded`);
    }
    sources.splice(0, sources.length, ...docs.names);
    tree = { fs: docs.fs, root: '', ignore: undefined, fromStage: false, checksummed: true };
  } else if (from !== undefined) {
    const source = ctx.source(from);
    // BuildKit's FileOp.CacheMap (solver/llbsolver/ops/file.go) marks the selectors of a copy's
    // destination input invalid (markInvalid(action.Input)): when --from names the very state the
    // step copies onto (the same image, a stage without file steps), no checksum is taken and the
    // copy's lstat fails instead (recorded: builds/copy-source-before-run).
    tree = { fs: source.fs, root: '', ignore: undefined, fromStage: true, checksummed: !sameLayers(source.layers, b.layers) };
  } else {
    if (!ctx.context) throw new Refusal(`strata does not simulate ${ins.cmd} without a build context (the Dockerfile came from stdin)`);
    tree = { fs: ctx.context.fs, root: ctx.context.dir, ignore: ctx.ignore, fromStage: false, checksummed: true };
  }
  // Each source names one entry, or a pattern every matching entry of the tree.
  const entries: { src: string; rel: string }[] = [];
  for (const src of sources) {
    const rel = sourceRel(ins, tree, src, legacy);
    if (/[*?[]/.test(rel)) {
      for (const m of wildcardMatches(tree, rel)) entries.push({ src, rel: m });
      continue;
    }
    const at = inTree(tree, rel);
    if (hidden(tree, rel) || !present(tree, at)) throw missing(ins, tree, src, at);
    entries.push({ src, rel });
  }
  // moby copier: a pattern that matches nothing; BuildKit allows empty wildcards.
  if (entries.length === 0) {
    const text = `${ins.cmd} failed: no source files were specified`;
    if (legacy) throw new StepFailure(ins, text, text, 1);
  }
  // Several sources need a destination ending in `/` for the legacy builder, counting what the
  // patterns matched (moby copier). BuildKit has no such rule: it copies each source onto a
  // plain destination in turn (recorded: builds/copy-wildcards-buildkit, the last one wins).
  const several = legacy && entries.length > 1;
  if (several && !dest.endsWith('/')) {
    const text = `When using ${ins.cmd} with more than one source file, the destination must be a directory and end with a /`;
    throw new StepFailure(ins, text, text, 1);
  }
  const destIsDir = dest.endsWith('/') || several;
  const { upper, fs } = stepView(st, b.layers);
  const merged = (): string => stepMergedDir(legacy, JSON.stringify([b.layers, ins.original]));
  // The destination is resolved in the image's root, symlinks followed (a dangling one to its
  // target), as a clean absolute path (no trailing slash); destIsDir keeps what a slash said.
  // A loop fails the step, each builder in its words and by its count (recorded:
  // fs/symlink-loop, fs/symlink-chain).
  try {
    dest = followInScope(fs, dest, legacy ? 'steps' : 'links');
  } catch (e) {
    if (!(e instanceof TooManyLinks)) throw e;
    throw new StepFailure(ins, `failed to copy files: evalSymlinksInScope: too many links in ${merged()}${e.path}`, 'too many links', 1);
  }
  const owner = chownSpec === undefined ? undefined : resolveChown(fs, chownSpec, ins, legacy);
  // The legacy builder resolves the destination in the merged directory first, and BuildKit a
  // destination written as a directory: a file on the way fails the lstat of the name below it.
  // BuildKit's MkdirAll of a plain destination's parents names the file itself (below). Recorded:
  // builds/copy-onto-file-below.
  const above = legacy || destIsDir ? nonDirectory(fs, parentOf(dest)) : undefined;
  if (above !== undefined) {
    const lstatText = `lstat ${merged()}${above}/${dest.slice(above.length + 1).split('/')[0]}: not a directory`;
    throw new StepFailure(ins, `failed to copy files: ${lstatText}`, lstatText, 1);
  }
  // Each source's `file:` or `dir:` hash, for the legacy history line.
  const hashes: string[] = [];
  entries.forEach(({ rel }) => {
    const at = inTree(tree, rel);
    const from = abs(tree, at);
    // The named source itself is followed when it is a symlink; what is inside a copied
    // directory is copied as it is (symlinks stay symlinks).
    const isDir = tree.fs.stat(from).kind === 'dir';
    if (isDir) {
      const to = dest;
      const bad = nonDirectory(fs, to);
      if (bad !== undefined) {
        // moby copyDirectory (CopyWithTar's MkdirAll) / BuildKit's copy onto a file (recorded:
        // builds/copy-onto-file): each names the step's merged directory.
        throw new StepFailure(ins, `failed to copy files: failed to copy directory: mkdir ${merged()}${bad}: not a directory`, bad === to ? `cannot copy to non-directory: ${merged()}${to}` : `mkdir ${merged()}${bad}: not a directory`, 1);
      }
      // Legacy (moby copier copyDirectory): the missing parents are root's, the destination
      // directory the --chown owner's; BuildKit gives every directory it creates the owner.
      mkdirOwned(fs, parentOf(to), legacy ? undefined : owner, legacy);
      copyTree(tree, from, at, fs, to, { owner, chmod, top: true, topTakesTime: !legacy, links: new Map(), legacy });
      if (legacy) hashes.push(sourceHash(tree, rel));
      return;
    }
    const data = tree.fs.readFile(from);
    // (ADD reads the context only: it has no --from, stages.ts)
    if (ins.cmd === 'ADD') {
      const archive = tarOf(data);
      if (archive !== undefined) {
        // ADD unpacks a local archive, recognised by its content whatever its name (moby
        // pkg/archive DetectCompression, BuildKit's unpack): entries keep their mode and
        // owner under the destination directory, --chown or not. The legacy builder ignores
        // --chown altogether (moby copy.go performCopyForInfo: archiver.UntarPath, no identity:
        // the directories it makes are root's); BuildKit gives it to the directories the step
        // makes (recorded: builds/realworld-add-tar-chown, both engines).
        const to = dest;
        mkdirOwned(fs, to, legacy ? undefined : owner, legacy);
        extractTar(fs, to, archive);
        if (legacy) hashes.push(sourceHash(tree, rel));
        return;
      }
    }
    // (`//name` below the root is `/name` to the Namespace, fs/path.ts components)
    const target = destIsDir || (fs.exists(dest) && fs.stat(dest).kind === 'dir') ? `${dest}/${rel.split('/').pop()}` : dest;
    // A file's missing parent directories all get the --chown owner (moby copyFile:
    // MkdirAllAndChownNew; BuildKit likewise).
    const bad = nonDirectory(fs, parentOf(target));
    if (bad !== undefined) {
      // moby copyFile's MkdirAll / BuildKit's: Go's os.MkdirAll names the file in the way.
      const mkdirText = `mkdir ${merged()}${bad}: not a directory`;
      throw new StepFailure(ins, `failed to copy files: failed to create new directory: ${mkdirText}`, mkdirText, 1);
    }
    mkdirOwned(fs, parentOf(target), owner, legacy);
    fs.writeFile(target, data);
    fs.chmod(target, chmod ?? tree.fs.stat(from).mode);
    const st0 = tree.fs.stat(from);
    fs.chown(target, owner?.uid ?? (tree.fromStage ? st0.uid : 0), owner?.gid ?? (tree.fromStage ? st0.gid : 0));
    fs.utimes(target, st0.mtime);
    if (legacy) hashes.push(sourceHash(tree, rel));
  });
  const size = addBuildLayer(st, profile, b, upper);
  // BuildKit's dispatchCopy writes --chown (expanded) then --chmod, whatever the order written,
  // and never --from or --link (frontend/dockerfile/dockerfile2llb/convert.go commitMessage;
  // recorded: builds/copy-from-stage-history).
  const buildkitHistoryFlags = [...(chownSpec === undefined ? [] : [`--chown=${chownSpec}`]), ...(chmodText === undefined ? [] : [`--chmod=${chmodText}`])];
  b.history.push({
    created: st.clock,
    // moby performCopy writes `--chown=SPEC` right before the hash, without a space (recorded:
    // builds/copy-json-flags); BuildKit the flags and the arguments, the exec form's too, a
    // here-document as `<<NAME` whatever its quotes or dash (recorded: builds/heredocs).
    createdBy: legacy
      ? nopText(b, `${ins.cmd} ${chownSpec === undefined ? '' : `--chown=${chownSpec}`}${legacySourcesHash(hashes)} in ${written} `, true)
      : `${ins.cmd} ${[...buildkitHistoryFlags, ...words.map((w) => heredocWord(w) ?? x(w))].join(' ')} # buildkit`,
    comment: legacy ? '' : 'buildkit.dockerfile.v0',
    emptyLayer: false,
    size,
  });
}

/** One source's content hash for the legacy history row (source-hash.ts); BuildKit writes none. */
function sourceHash(tree: SourceTree, rel: string): string {
  return legacySourceHash({ fs: tree.fs, root: tree.root, fromStage: tree.fromStage, hidden: (r) => hidden(tree, r) }, rel);
}

function heredocSources(st: EngineState, ins: Instruction, words: string[], x: (word: string) => string): { fs: Vfs; names: string[] } | undefined {
  if (!ins.heredocs) return undefined;
  if (parseHeredoc(words[words.length - 1]) !== undefined) throw new Refusal(`strata does not simulate a here-document as the destination of ${ins.cmd}: BuildKit's words for it are not recorded`);
  const fs = memoryFs(dir(), { clock: () => st.clock });
  const names: string[] = [];
  for (const word of words.slice(0, -1)) {
    const marker = parseHeredoc(word);
    if (marker === undefined) continue;
    const doc = ins.heredocs.find((d) => d.name === marker.name)!;
    const text = doc.chomp ? chompHeredoc(doc.content) : doc.content;
    fs.writeFile(`/${doc.name}`, marker.expand ? x(text) : text);
    fs.chmod(`/${doc.name}`, 0o644);
    fs.utimes(`/${doc.name}`, st.clock);
    names.push(doc.name);
  }
  return names.length > 0 ? { fs, names } : undefined;
}

/**
 * A here-document source as BuildKit's history shows it: `<<NAME`, whatever its quotes or dash;
 * undefined for any other word, which the history shows expanded (dispatchCopy writes the
 * expanded SourcePaths and DestPath; recorded: builds/app-multistage).
 */
function heredocWord(word: string): string | undefined {
  const doc = parseHeredoc(word);
  return doc === undefined ? undefined : `<<${doc.name}`;
}

/**
 * A source's path in its tree. BuildKit reads every source below the root of its tree (the
 * context, a stage, an image), as the absolute path it cleans (`../secret.txt` is `/secret.txt`:
 * fsutil's and the copy's path.Join("/", src)). The legacy daemon joins a context source to the
 * directory it unpacked the context in (a temporary `docker-builderN`) and refuses one that leaves
 * it (moby 20.10 builder/remotecontext: ResolveScopedPath, evalSymlinksInScope), so any `..` that
 * climbs above the context fails, `../ctx/in.txt` from a context named ctx too. Recorded:
 * builds/rw-build-failures.
 */
function sourceRel(ins: Instruction, tree: SourceTree, src: string, legacy: boolean): string {
  if (legacy && tree.root !== '') {
    let depth = 0;
    for (const c of components(src)) {
      depth += c === '..' ? -1 : 1;
      if (depth < 0) {
        const text = `${ins.cmd} failed: forbidden path outside the build context: ${src} ()`;
        throw new StepFailure(ins, text, text, 1);
      }
    }
  }
  return normalize(`/${src}`).slice(1);
}

/** The directory above an absolute path ('' for the root's entries: its callers walk components). */
function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/**
 * Where a named source leads in its tree: every symlink followed inside the tree's root (an
 * absolute target or a `..` above it starts again at the root), as moby's StatAt (remotecontext
 * FullPath: ResolveScopedPath) and BuildKit's copy (continuity fs.RootPath) resolve it, never in
 * the host's file system around the context; the name itself when it loops (not there either).
 * Recorded: builds/copy-link-out-of-context (both engines: a context link to `../outside.txt` is
 * not found, BuildKit naming `/outside.txt`; one to `/a` copies the context's `a`).
 */
function inTree(tree: SourceTree, rel: string): string {
  try {
    return followInScope({ lstat: (p) => tree.fs.lstat(`${tree.root}${p}`) }, `/${rel}`).slice(1);
  } catch (e) {
    if (!(e instanceof TooManyLinks)) throw e;
    return rel;
  }
}

/** Where a source is in its tree (the tree's root itself with a trailing `/`). */
function abs(tree: SourceTree, rel: string): string {
  return `${tree.root}/${rel}`;
}

function hidden(tree: SourceTree, rel: string): boolean {
  return rel !== '' && tree.ignore !== undefined && tree.ignore.hides(rel);
}

function present(tree: SourceTree, rel: string): boolean {
  return tree.fs.exists(abs(tree, rel)) && !hidden(tree, rel);
}

/**
 * BuildKit's check of a COPY or ADD step's sources for its cache key, which needs only the
 * sources' own state: the context, an image, or a finished stage (`source` gives its root,
 * undefined for a stage that is not), never the steps the copy lands on. The failure of the
 * first source that is not there; undefined when all are (patterns, here-documents and URLs are
 * not looked at, nor a --from state the step copies onto: `ontoItself`).
 */
export function checksumFailure(ins: Instruction, env: Readonly<Record<string, string>>, ctx: { context: { fs: Vfs; dir: string } | undefined; ignore: DockerIgnore | undefined; source: (ref: string) => Namespace | undefined; ontoItself: (ref: string) => boolean }): StepFailure | undefined {
  if (ins.heredocs) return undefined;
  const { flags, args } = splitFlags(ins.rest);
  const words = jsonArray(args) ?? splitWords(args, ins.escape);
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  let tree: SourceTree;
  if (from !== undefined) {
    const fs = ctx.ontoItself(from) ? undefined : ctx.source(from);
    if (fs === undefined) return undefined;
    tree = { fs, root: '', ignore: undefined, fromStage: true, checksummed: true };
  } else {
    if (!ctx.context) return undefined;
    tree = { fs: ctx.context.fs, root: ctx.context.dir, ignore: ctx.ignore, fromStage: false, checksummed: true };
  }
  const x = stepExpander(ins, env, false);
  for (const src of words.slice(0, -1).map(x)) {
    if (/^(https?|git|ssh):\/\/|^git@/.test(src)) return undefined;
    const rel = sourceRel(ins, tree, src, false);
    if (/[*?[]/.test(rel)) continue;
    const at = inTree(tree, rel);
    if (hidden(tree, rel) || !present(tree, at)) return missing(ins, tree, src, at);
  }
  return undefined;
}

function sameLayers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

/**
 * A source that is not there. Legacy: moby's copier (`stat` of the path as given; from the
 * context with its hint about .dockerignore). BuildKit: the cache-key error, naming the snapshot
 * ref it looked in (a random ID in BuildKit; strata derives one from the path), or, for a --from
 * state the step copies onto (not checksummed), the failed lstat (recorded:
 * builds/multi-stage-errors, builds/copy-source-before-run).
 */
function missing(ins: Instruction, tree: SourceTree, src: string, rel: string): StepFailure {
  const legacyText = tree.fromStage
    ? `${ins.cmd} failed: stat ${rel}: file does not exist`
    : `${ins.cmd} failed: file not found in build context or excluded by .dockerignore: stat ${src}: file does not exist`;
  const h = sha256Hex(`${tree.root}\n${rel}`);
  // After the `::`, an ID of BuildKit's identity.NewID: 17 random bytes, the top bit set, in base
  // 36 without the first digit, so always 25 characters.
  // Stryker disable next-line MethodExpression: which hash digits stand in for the random bytes cannot be seen (any 25 base-36 digits are an ID NewID can draw)
  const random = BigInt(`0x${h.slice(30)}`) | (1n << 135n);
  const id = random.toString(36).slice(1, 26);
  const ref = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}::${id}`;
  // From a stage BuildKit reads the path in a temporary mount of the stage's snapshot, named by
  // Go's os.MkdirTemp: a random uint32 in decimal.
  const buildkitText = !tree.checksummed
    ? `lstat ${DATA_ROOT}/tmp/buildkit-mount${parseInt(h.slice(0, 8), 16)}/${rel}: no such file or directory`
    : `failed to compute cache key: failed to calculate checksum of ref ${ref}: "/${rel}": not found`;
  return new StepFailure(ins, legacyText, buildkitText, 1);
}

/**
 * Entries whose path relative to the tree matches the pattern as a whole (moby copier
 * copyWithWildcards walks the context with filepath.Match: `*` never crosses a `/`).
 */
function wildcardMatches(tree: SourceTree, pattern: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const path = abs(tree, rel);
    for (const name of tree.fs.readdir(path).sort()) {
      const child = rel === '' ? name : `${rel}/${name}`;
      // Stryker disable next-line ConditionalExpression: below a hidden directory without exceptions every entry is hidden too, so walking it adds nothing
      if (hidden(tree, child) && !tree.ignore!.walksInto(child)) continue;
      if (!hidden(tree, child) && globMatch(pattern, child)) out.push(child);
      if (tree.fs.lstat(abs(tree, child)).kind === 'dir') walk(child);
    }
  };
  walk('');
  return out;
}

/** The first existing component of `dir` that is not a directory (symlinks followed), if any. */
function nonDirectory(fs: Namespace, dir: string): string | undefined {
  let cur = '';
  for (const part of components(dir)) {
    cur += '/' + part;
    if (!fs.exists(cur)) return undefined;
    if (fs.stat(cur).kind !== 'dir') return cur;
  }
  return undefined;
}

function mkdirOwned(fs: Namespace, path: string, owner: Owner | undefined, legacy = false): void {
  let cur = '';
  for (const part of components(path)) {
    cur += '/' + part;
    if (fs.exists(cur)) continue;
    fs.mkdir(cur, 0o755);
    // os.MkdirAll(0755): a set-group-ID parent passes its S_ISGID on, which the chown does not
    // take off a directory; the legacy builder chowns to root without --chown
    // (MkdirAllAndChownNew), BuildKit leaves the group the parent gave (recorded:
    // builds/copy-parents-setgid, both engines).
    fs.chmod(cur, 0o755 | (fs.stat(cur).mode & 0o2000));
    if (owner) fs.chown(cur, owner.uid, owner.gid);
    else if (legacy) fs.chown(cur, 0, 0);
  }
}

interface CopyTreeOptions {
  owner: Owner | undefined;
  chmod: number | undefined;
  top: boolean;
  /** BuildKit: the destination directory takes the source directory's time (see copyTree). */
  topTakesTime: boolean;
  /** Source inode (mount and inode) -> its first copy, shared by one source's whole walk. */
  links: Map<string, string>;
  legacy: boolean;
}

/**
 * Copy a directory's content. The destination directory keeps its mode and owner when it exists
 * (`ADD dir /tmp` leaves /tmp 1777) and is a plain 0755 one when made; directories below it take the source's mode and the copy's
 * owner even when they existed (recorded: copy-onto-existing), as do the files. The owner is the
 * --chown one, else root for the context, else the source's own (COPY --from). Entries
 * .dockerignore hides are not there; a hidden directory holding an exception is walked.
 */
function copyTree(tree: SourceTree, from: string, rel: string, dst: Namespace, to: string, opts: CopyTreeOptions): void {
  const s = opts.top ? tree.fs.stat(from) : tree.fs.lstat(from);
  const owner = opts.owner ?? (tree.fromStage ? { uid: s.uid, gid: s.gid } : { uid: 0, gid: 0 });
  if (s.kind === 'dir') {
    const existed = dst.exists(to);
    if (!existed) dst.mkdir(to, 0o755);
    if (opts.top && !existed) {
      // The destination directory is made (0755, the --chown owner or root), not copied: the
      // source directory's own mode and owner stay behind (recorded: COPY --from=child /out
      // /tree is root's; COPY --chmod=751 dir /dir leaves /dir 755).
      dst.chmod(to, 0o755);
      dst.chown(to, opts.owner?.uid ?? 0, opts.owner?.gid ?? 0);
    } else if (!opts.top) {
      dst.chmod(to, opts.chmod ?? s.mode);
      dst.chown(to, owner.uid, owner.gid);
    }
    // `${to}/${name}` is `//name` below the root, which the Namespace reads as `/name` (fs/path.ts components).
    for (const name of tree.fs.readdir(from).sort()) {
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const childFrom = abs(tree, childRel);
      if (hidden(tree, childRel)) {
        if (tree.fs.lstat(childFrom).kind === 'dir' && tree.ignore!.walksInto(childRel)) walkHidden(tree, childFrom, childRel, dst, `${to}/${name}`, opts);
        continue;
      }
      copyTree(tree, childFrom, childRel, dst, `${to}/${name}`, { ...opts, top: false });
    }
    // Times travel with the context's tar: files and the directories below the destination keep
    // theirs, a directory's set once its entries are made (which set it to now). The destination
    // itself: the legacy builder made or kept it and filled it, so it is now; BuildKit gives it the
    // source directory's time, made or not (builds/copy-times, both engines).
    if (!opts.top || opts.topTakesTime) dst.utimes(to, s.mtime);
    return;
  }
  // (the Namespace gives a target to symlinks and only to them)
  if (s.target !== undefined) {
    dst.symlink(s.target, to);
    dst.chown(to, owner.uid, owner.gid, true);
    // its own time too (moby archive.createTarFile's LUtimesNano, fsutil's AT_SYMLINK_NOFOLLOW;
    // builds/symlink-times, both builders)
    dst.utimes(to, s.mtime, { noFollow: true });
    return;
  }
  // The context travels as a tar, which keeps hard links: two names of one source inode are one
  // inode in the layer (hardlinks/build-context-links, both builders). The Namespace gives an
  // inode identity (ino) to an entry with more than one name only.
  if (s.ino !== undefined) {
    const inode = `${s.mount}\0${s.ino}`;
    const first = opts.links.get(inode);
    if (first !== undefined) {
      if (dst.exists(to)) dst.unlink(to);
      dst.link(first, to);
      return;
    }
    opts.links.set(inode, to);
  }
  dst.writeFile(to, tree.fs.readFile(from));
  dst.chmod(to, opts.chmod ?? s.mode);
  dst.chown(to, owner.uid, owner.gid);
  dst.utimes(to, s.mtime);
}

/**
 * A directory the context leaves out but walks for an exception: the CLI's tar holds no entry for
 * it, so the daemon creates it (0755, root) only as the parent of what is copied inside.
 */
function walkHidden(tree: SourceTree, from: string, rel: string, dst: Namespace, to: string, opts: CopyTreeOptions): void {
  if (tree.ignore!.keepsDir(rel)) mkdirOwned(dst, to, opts.owner, opts.legacy);
  for (const name of tree.fs.readdir(from).sort()) {
    const childRel = `${rel}/${name}`;
    const childFrom = abs(tree, childRel);
    const childTo = `${to}/${name}`;
    if (hidden(tree, childRel)) {
      if (tree.fs.lstat(childFrom).kind === 'dir' && tree.ignore!.walksInto(childRel)) walkHidden(tree, childFrom, childRel, dst, childTo, opts);
      continue;
    }
    mkdirOwned(dst, to, opts.owner, opts.legacy);
    copyTree(tree, childFrom, childRel, dst, childTo, { ...opts, top: false });
  }
}

/**
 * The tar inside an ADD source, if it is one: a plain tar, or a gzip or bzip2 stream holding one,
 * recognised by content whatever the name (moby pkg/archive DetectCompression; both builders,
 * recorded: builds/add-archives, builds/add-archives-compressed). Anything else (a stream of a
 * plain file, a corrupt stream, text named `.tar.gz`) is copied as it is. xz streams are
 * archives to both builders too, which strata cannot decompress: refused by name.
 */
function tarOf(data: string): string | undefined {
  let plain: string;
  try {
    plain = decompress(data);
  } catch (e) {
    if (e instanceof UnsupportedCompression) throw new Refusal(`strata does not simulate ADD of an ${e.compression}-compressed archive`);
    if (e instanceof LimitError) throw e;
    return undefined;
  }
  // (isTarHeader reads the first 512 bytes)
  return isTarHeader(plain) ? plain : undefined;
}

/**
 * `--chown=user[:group]` against the image's /etc/passwd and /etc/group; the two builders differ.
 *
 * Legacy (moby builder/dockerfile/internals_linux.go parseChownFlag, wrapped by internals.go in
 * `unable to convert uid/gid chown string to host mapping`): more than one `:` is an invalid
 * format; without a group the user string is looked up as the group too; a number is taken as
 * it is, a name must be in the file (an empty one too: `:grp` fails on the user).
 *
 * BuildKit: see buildkitOwner (never an error).
 */
function resolveChown(fs: Namespace, spec: string, ins: Instruction, legacy: boolean): Owner {
  if (!legacy) return buildkitOwner(fs, spec);
  const passwd = databaseRows(fs, '/etc/passwd');
  const groups = databaseRows(fs, '/etc/group');
  const numeric = (v: string): number | undefined => (/^[+-]?\d+$/.test(v) ? Number(v) : undefined);
  const fail = (text: string): StepFailure => new StepFailure(ins, text, text, 1);
  const parts = spec.split(':');
  if (parts.length > 2) throw fail(`unable to convert uid/gid chown string to host mapping: invalid chown string format: ${spec}`);
  const [user, group = user] = parts;
  let uid = numeric(user);
  if (uid === undefined) {
    const row = passwd.find((r) => r[0] === user);
    if (!row) throw fail(`unable to convert uid/gid chown string to host mapping: can't find uid for user ${user}: no such user: ${user}`);
    uid = Number(row[2]);
  }
  let gid = numeric(group);
  if (gid === undefined) {
    const row = groups.find((r) => r[0] === group);
    if (!row) throw fail(`unable to convert uid/gid chown string to host mapping: can't find gid for group ${group}: no such group: ${group}`);
    gid = Number(row[2]);
  }
  return { uid, gid };
}

/** os.RemoveAll of one path: a directory with everything in it, or the entry itself (a link: not followed). */
function removeAll(fs: Namespace, path: string): void {
  if (fs.lstat(path).kind === 'dir') {
    for (const name of fs.readdir(path)) removeAll(fs, `${path}/${name}`);
    fs.rmdir(path);
  } else fs.unlink(path);
}

function extractTar(fs: Namespace, to: string, archive: string): void {
  // archive.createTarFile sets each member's modification time; Untar sets the directories'
  // last, once nothing more is created in them (recorded: builds/add-archives-bzip2). Every
  // time is set at the end here, in the archive's order: a file's is the same then, since
  // nothing later in the archive writes to an extracted file (a hard link to it leaves its mtime).
  const times: [string, number][] = [];
  for (const e of readTar(archive)) {
    // The archive's own root (`./`) is skipped: the destination keeps its mode and owner (moby
    // pkg/archive Unpack: `fi.IsDir() && hdr.Name == "."`).
    const name = components(e.name).join('/');
    if (name === '') continue;
    const path = `${to}/${name}`;
    mkdirOwned(fs, parentOf(path), undefined);
    // What is there already is removed and replaced, but for a directory met by a directory
    // member, which takes the member's metadata (moby go-archive Unpack: Lstat, then RemoveAll
    // unless both are directories; ADD's options leave NoOverwriteDirNonDir off): a link is
    // replaced, not written through (recorded: builds/add-tar-replaces-entries, both engines).
    const there = fs.lstatIfAny(path);
    if (there !== undefined && !(there.kind === 'dir' && e.type === 'dir')) removeAll(fs, path);
    if (e.type === 'dir') {
      if (!fs.exists(path)) fs.mkdir(path, 0o755);
    } else if (e.type === 'symlink') {
      // (readTar gives every symlink and hard link its linkname)
      fs.symlink(e.linkname!, path);
      fs.chown(path, e.uid, e.gid, true);
      // createTarFile: LUtimesNano, the link's own time (builds/symlink-times)
      fs.utimes(path, e.mtime, { noFollow: true });
      continue;
    } else if (e.type === 'file') fs.writeFile(path, e.data!);
    else if (e.type === 'hardlink') {
      // a link to the member extracted before it (archive.createTarFile's os.Link): one inode
      // (hardlinks/build-context-links, both builders)
      fs.link(`${to}/${e.linkname!}`, path);
      continue;
    } else throw new Refusal(`strata does not simulate ADD of a tar archive holding ${e.type} entries`);
    fs.chmod(path, e.mode);
    fs.chown(path, e.uid, e.gid);
    times.push([path, e.mtime]);
  }
  for (const [path, mtime] of times) fs.utimes(path, mtime);
}
