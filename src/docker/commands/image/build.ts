// docker build: `-t NAME`, `-q`, `--build-arg`, `--target`, the Dockerfile from stdin (`-`) or a context
// directory on the host (its Dockerfile, or `-f FILE`, which the CLI resolves from the current
// directory, not from the context).

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagList, flagString } from '../../args.ts';
import { errOut, out, refusal } from '../../errors.ts';
import { build, sendingLine, type BuildRequest } from '../../../image/build/builder.ts';
import { buildDisplay, fileTransfer, newBuildTrace, renderBuildDisplay, stdinTransfer } from '../../../image/build/progress.ts';
import { ShellNotSimulated } from '../../../shell/types.ts';
import { archiveContext, isArchive, stdinDockerfileContext } from '../../../image/build/stdin-context.ts';
import { DockerIgnore, contextTarSize, readDockerIgnore } from '../../../image/build/context.ts';
import { FsError } from '../../../fs/errors.ts';
import type { Vfs } from '../../../fs/vfs.ts';
import { referenceProblem } from '../../../image/reference.ts';
import { hostFs } from '../../../container/runtime-fs.ts';
import { basename, join, normalize } from '../../../fs/path.ts';
import type { DockerContext } from '../../context.ts';

/**
 * filepath.EvalSymlinks' error for a path that is not there: the lstat of the first component
 * that is missing (recorded: builds/build-dockerfile-paths), below a file a bare `not a directory`.
 */
function evalSymlinksError(fs: Vfs, path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = '/' + parts.slice(0, i).join('/');
    if (!fs.exists(prefix)) return `lstat ${prefix}: no such file or directory`;
    // (Go's walkSymlinks returns the bare ENOTDIR)
    if (i < parts.length && fs.stat(prefix).kind !== 'dir') return 'not a directory';
  }
  return `lstat ${path}: no such file or directory`;
}

/** BuildKit (buildx) prints its client-side errors as `ERROR: ...`, exit 1. */
function buildxError(ctx: DockerContext, msg: string): number {
  errOut(ctx, `ERROR: ${msg}\n`);
  return 1;
}

/** buildx's own usage frame: BuildKit's client answers `docker build`'s usage errors. */
const BUILDX_FRAME = { prefix: 'ERROR: ', path: 'buildx build', usage: 'docker buildx build [OPTIONS] PATH | URL | -', description: 'Start a build' };

export const buildCommand: DockerCommand = {
  foreignFrame: (ctx) => (ctx.profile.builder === 'buildkit' ? BUILDX_FRAME : undefined),
  spec: {
    path: 'build',
    args: { min: 1, max: 1 },
    usage: 'docker build [OPTIONS] PATH | URL | -',
    description: 'Build an image from a Dockerfile',
    flags: [
      { long: 'tag', short: 't', kind: 'list', help: 'Name and optionally a tag in the "name:tag" format' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Suppress the build output and print image ID on success' },
      { long: 'file', short: 'f', kind: 'string', help: "Name of the Dockerfile (Default is 'PATH/Dockerfile')" },
      { long: 'no-cache', kind: 'bool', help: 'Do not use cache when building the image' },
      { long: 'iidfile', kind: 'string', help: 'Write the image ID to the file' },
      { long: 'label', kind: 'list', help: 'Set metadata for an image' },
      { long: 'platform', kind: 'string', help: 'Set platform if server is multi-platform capable' },
      { long: 'build-arg', kind: 'list', help: 'Set build-time variables' },
      { long: 'target', kind: 'string', help: 'Set the target build stage to build' },
      { long: 'network', kind: 'string', help: 'Set the networking mode for the RUN instructions during build', refuse: 'networking is outside the storage model' },
      // Flags both CLIs take that strata does not simulate: refused by name (they were unknown
      // flags, which the real CLIs are not). The 28.2 CLI's buildx takes a few more.
      { long: 'add-host', kind: 'list', help: 'Add a custom host-to-IP mapping', refuse: 'networking is outside the storage model' },
      { long: 'cache-from', kind: 'list', help: 'Images to consider as cache sources', refuse: 'cache sources are not simulated' },
      { long: 'cgroup-parent', kind: 'string', help: 'Set the parent cgroup for the RUN instructions during build', refuse: 'resource settings of RUN steps are not simulated' },
      { long: 'cpu-period', kind: 'string', help: 'Limit the CPU CFS (Completely Fair Scheduler) period', refuse: 'resource settings of RUN steps are not simulated' },
      { long: 'cpu-quota', kind: 'string', help: 'Limit the CPU CFS (Completely Fair Scheduler) quota', refuse: 'resource settings of RUN steps are not simulated' },
      { long: 'cpu-shares', short: 'c', kind: 'string', help: 'CPU shares (relative weight)', refuse: 'resource settings of RUN steps are not simulated' },
      { long: 'cpuset-cpus', kind: 'string', help: 'CPUs in which to allow execution (0-3, 0,1)', refuse: 'resource settings of RUN steps are not simulated' },
      { long: 'cpuset-mems', kind: 'string', help: 'MEMs in which to allow execution (0-3, 0,1)', refuse: 'resource settings of RUN steps are not simulated' },
      { long: 'memory', short: 'm', kind: 'string', help: 'Memory limit', refuse: 'resource settings of RUN steps are not simulated' },
      { long: 'memory-swap', kind: 'string', help: "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", refuse: 'resource settings of RUN steps are not simulated' },
      { long: 'shm-size', kind: 'string', help: 'Size of /dev/shm', refuse: 'resource settings of RUN steps are not simulated' },
      { long: 'ulimit', kind: 'list', help: 'Ulimit options', refuse: 'resource settings of RUN steps are not simulated' },
      { long: 'security-opt', kind: 'list', help: 'Security options', refuse: 'security options of RUN steps are not simulated' },
      { long: 'isolation', kind: 'string', help: 'Container isolation technology', refuse: 'isolation is not simulated' },
      { long: 'compress', kind: 'bool', help: 'Compress the build context using gzip', refuse: 'the context transfer is not simulated' },
      { long: 'disable-content-trust', kind: 'bool', help: 'Skip image verification', refuse: 'content trust is not simulated' },
      // --rm (the default) and --force-rm: see run(); buildx takes both and ignores them.
      { long: 'rm', kind: 'bool', help: 'Remove intermediate containers after a successful build' },
      { long: 'force-rm', kind: 'bool', help: 'Always remove intermediate containers' },
      { long: 'output', short: 'o', kind: 'list', help: 'Output destination (format: "type=local,dest=path")', refuse: 'build outputs other than the image store are not simulated' },
      { long: 'progress', kind: 'string', help: 'Set type of progress output', refuse: "BuildKit's progress output is not simulated (use -q)" },
      { long: 'pull', kind: 'bool', help: 'Always attempt to pull a newer version of the image', refuse: 'it pulls base images from the registry' },
      { long: 'secret', kind: 'list', help: 'Secret to expose to the build' },
      { long: 'ssh', kind: 'list', help: 'SSH agent socket or keys to expose to the build', refuse: 'SSH agents are not simulated' },
      { long: 'squash', kind: 'bool', help: 'Squash newly built layers into a single new layer', refuse: 'an experimental feature' },
      { long: 'load', kind: 'bool', help: 'Shorthand for "--output=type=docker"', refuse: 'build outputs are not simulated', minClient: '28.2' },
      { long: 'push', kind: 'bool', help: 'Shorthand for "--output=type=registry"', refuse: 'the registry is not simulated', minClient: '28.2' },
      { long: 'cache-to', kind: 'list', help: 'Cache export destinations', refuse: 'cache exports are not simulated', minClient: '28.2' },
      { long: 'metadata-file', kind: 'string', help: 'Write build result metadata to a file', refuse: "buildx's metadata is not simulated", minClient: '28.2' },
      { long: 'provenance', kind: 'string', help: 'Shorthand for "--attest=type=provenance"', refuse: 'attestations are not simulated', minClient: '28.2' },
      { long: 'sbom', kind: 'string', help: 'Shorthand for "--attest=type=sbom"', refuse: 'attestations are not simulated', minClient: '28.2' },
      { long: 'attest', kind: 'list', help: 'Attestation parameters', refuse: 'attestations are not simulated', minClient: '28.2' },
      { long: 'annotation', kind: 'list', help: 'Add annotation to the image', refuse: 'annotations are not simulated', minClient: '28.2' },
      { long: 'build-context', kind: 'list', help: 'Additional build contexts', refuse: 'named build contexts are not simulated', minClient: '28.2' },
      { long: 'builder', kind: 'string', help: 'Override the configured builder instance', refuse: 'one builder is simulated', minClient: '28.2' },
      { long: 'allow', kind: 'list', help: 'Allow extra privileged entitlement', refuse: 'entitlements are not simulated', minClient: '28.2' },
      { long: 'no-cache-filter', kind: 'list', help: 'Do not cache specified stages', refuse: "BuildKit's cache filters are not simulated", minClient: '28.2' },
    ],
  },
  run(ctx, p) {
    const legacy = ctx.profile.builder === 'legacy';
    // DOCKER_BUILDKIT picks the other builder (docker/cli's BuildKitEnabled, strconv.ParseBool):
    // `DOCKER_BUILDKIT=0` on 26.1 builds with the legacy builder as 20.10 does (seen on the oracle:
    // RUN layers of the step's changes alone, no `# buildkit` history rows), which strata does not
    // simulate beside 26.1's BuildKit, nor 20.10's BuildKit; neither is recorded as a transcript.
    const asked = ctx.env?.DOCKER_BUILDKIT;
    if (asked !== undefined) {
      const on = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(asked);
      const off = ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(asked);
      if ((on && legacy) || (off && !legacy) || (!on && !off)) return refusal(ctx, `strata does not simulate \`DOCKER_BUILDKIT=${asked} docker build\` on Docker ${ctx.profile.name.replace('docker-', '')}: its builder there is ${legacy ? 'the legacy builder' : 'BuildKit'}`);
    }
    const where = p.args[0]!;
    // -t is a list (docker/cli build.go `flags.VarP(&options.tags, "tag", "t", ...)`): every name is
    // checked in order and every one tags the image (recorded: builds/realworld-build-flags).
    const tags = flagList(p, 'tag');
    for (const tag of tags) {
      const problem = referenceProblem(tag, ctx.profile.client !== '20.10');
      if (problem) {
        const why = problem.kind === 'uppercase' ? 'repository name must be lowercase' : 'invalid reference format';
        if (legacy) {
          errOut(ctx, `invalid argument "${tag}" for "-t, --tag" flag: ${problem.kind === 'uppercase' ? `invalid reference format: ${why}` : why}\nSee 'docker build --help'.\n`);
          return 125;
        }
        return buildxError(ctx, `invalid tag "${tag}": ${why}`);
      }
    }
    // --platform: the legacy builder builds linux/amd64 from the local images (recorded:
    // builds/from-platform); BuildKit resolves the base image in the registry for any platform given.
    const platform = flagString(p, 'platform');
    if (platform !== undefined && (!legacy || platform !== 'linux/amd64')) return refusal(ctx, `strata does not simulate \`docker build --platform ${platform}\`${legacy ? '' : ': BuildKit resolves the base image in the registry for it'}`);
    const buildArgs: Record<string, string> = {};
    const buildArgNames: string[] = [];
    for (const a of flagList(p, 'build-arg')) {
      const eq = a.indexOf('=');
      // `--build-arg KEY` takes KEY's value from the client's environment (docker/cli
      // opts.ValidateEnv; buildx listToMap with os.LookupEnv; recorded: builds/build-label-env-arg).
      // A KEY that is not there: the 20.10 CLI sends it without a value, which the daemon takes as
      // not given but for its unused-arg warning (moby BuildArgs.getBuildArg skips a nil value;
      // recorded: builds/realworld-build-log-args); buildx leaves it out.
      if (eq < 0) {
        const value = ctx.env?.[a];
        if (value !== undefined) buildArgs[a] = value;
        if (value !== undefined || legacy) buildArgNames.push(a);
        continue;
      }
      buildArgNames.push(a.slice(0, eq));
      buildArgs[a.slice(0, eq)] = a.slice(eq + 1);
    }
    // `--label K=V` (`K` alone: an empty value; docker/cli opts.ConvertKVStringsToMap, buildx
    // listToMap). The legacy builder turns each into a LABEL step whose words strata reads like
    // the Dockerfile's: a pair they would read otherwise (quotes, spaces, `$`) is refused.
    const labels: Record<string, string> = {};
    for (const l of flagList(p, 'label')) {
      const eq = l.indexOf('=');
      const [k, v] = eq < 0 ? [l, ''] : [l.slice(0, eq), l.slice(eq + 1)];
      if (legacy && /[\s"'\\$]/.test(l)) return refusal(ctx, `strata does not simulate \`--label ${l}\` on the legacy builder (quotes, spaces or \`$\`): its LABEL step for it is not recorded`);
      labels[k] = v;
    }
    const fs = hostFs(ctx.st);
    // `--secret id=ID,src=FILE` (buildx util/buildflags/secrets.go parseSecret: `source` for
    // `src` too; keys in any case): the file's content, mounted by RUN --mount=type=secret
    // (run-mount.ts; recorded on 26.1: builds/sb-secret-mount). Other forms (type=env, env=, an
    // id alone that names an environment variable) and the legacy builder's words are refused.
    const secrets: Record<string, string> = {};
    for (const spec of flagList(p, 'secret')) {
      if (legacy) return refusal(ctx, 'strata does not simulate `docker build --secret` on the legacy builder: its words for it are not recorded');
      let id = '';
      let src = '';
      let other = spec.includes('"');
      for (const field of spec.split(',')) {
        const eq = field.indexOf('=');
        const key = eq < 0 ? '' : field.slice(0, eq).toLowerCase();
        const value = field.slice(eq + 1);
        if (key === 'id') id = value;
        else if (key === 'src' || key === 'source') src = value;
        else if (key !== 'type' || value !== 'file') other = true;
      }
      if (id === '' || src === '' || other) return refusal(ctx, `strata does not simulate \`--secret ${spec}\`: only \`id=ID,src=FILE\``);
      const path = normalize(join(ctx.cwd, src));
      if (!fs.exists(path) || fs.stat(path).kind !== 'file') return refusal(ctx, `strata does not simulate \`--secret ${spec}\` of a file that is not there: the words for it are not recorded`);
      secrets[id] = fs.readFile(path);
    }
    let dockerfile: string;
    let context: { fs: Vfs; dir: string } | undefined;
    let contextFrom: BuildRequest['contextFrom'];
    let dockerfileInContext: string | undefined;
    let ownIgnore: string | undefined;
    const fileFlag = flagString(p, 'file');
    const fail = (msg: string): number => {
      if (!legacy) return buildxError(ctx, msg);
      errOut(ctx, msg + '\n');
      return 1;
    };
    // docker/cli runBuild (and buildx): errStdinConflict before anything is read.
    if (where === '-' && fileFlag === '-') return fail("invalid argument: can't use stdin for both build context and dockerfile");
    // `--iidfile`: the CLI removes a stale file before building (docker/cli runBuild "Avoid
    // leaving a stale file if we eventually fail"; buildx the same).
    // BuildKit's excerpts name the Dockerfile by -f's base name (builder.ts BuildRequest)
    const dockerfileName = fileFlag !== undefined && fileFlag !== '-' ? basename(normalize(fileFlag)) : undefined;
    const iidFile = flagString(p, 'iidfile');
    const iidPath = iidFile === undefined ? undefined : normalize(join(ctx.cwd, iidFile));
    if (iidPath !== undefined && fs.exists(iidPath) && fs.lstat(iidPath).kind !== 'dir') fs.unlink(iidPath);
    // (stdin is consumed when read: once)
    const stdin = where === '-' || fileFlag === '-' ? ctx.io.stdin : '';
    if (where === '-' && isArchive(stdin)) {
      // GetContextFromReader: stdin that IsArchive (compressed, or a tar header) is the context,
      // sent as it is; the Dockerfile is `-f` (default Dockerfile) inside it.
      const made = archiveContext(ctx.st, stdin);
      if (typeof made === 'string') return refusal(ctx, made);
      context = made;
      const name = fileFlag ?? 'Dockerfile';
      const rel = normalize(`/${name}`).slice(1);
      const path = `${made.dir}/${rel}`;
      const there = (f: string): boolean => made.fs.exists(f) && made.fs.stat(f).kind === 'file';
      if (fileFlag === undefined && !there(path) && there(`${made.dir}/dockerfile`)) return refusal(ctx, 'strata does not simulate a build context from stdin whose Dockerfile is named `dockerfile`');
      if (!there(path)) {
        // moby builder/remotecontext/detect.go withDockerfileFromContext; BuildKit's dockerui
        // reads it like a directory's (recorded: builds/build-context-archive-stdin).
        if (!legacy) return buildxError(ctx, `failed to solve: failed to read dockerfile: open ${name}: no such file or directory`);
        errOut(ctx, `${sendingLine(stdin.length)}Error response from daemon: Cannot locate specified Dockerfile: ${name}\n`);
        return 1;
      }
      dockerfile = made.fs.readFile(path);
      if (!legacy && there(`${made.dir}/.dockerignore`)) {
        const listed = new DockerIgnore(made.fs.readFile(`${made.dir}/.dockerignore`), true);
        if (listed.hides('.dockerignore') || listed.hides(rel)) return refusal(ctx, 'strata does not simulate a build context from stdin whose .dockerignore lists itself or the Dockerfile on BuildKit');
      }
      contextFrom = { kind: 'archive', bytes: stdin.length, dockerfile: rel };
    } else if (where === '-') dockerfile = stdin;
    else {
      const dir = normalize(join(ctx.cwd, where));
      if (!fs.exists(dir)) return fail(`unable to prepare context: path "${where}" not found`);
      context = { fs, dir };
      if (fileFlag === '-') {
        dockerfile = stdin;
        const sent = stdinDockerfileContext(ctx.st, fs, dir, dockerfile, legacy);
        context = sent.context;
        contextFrom = { kind: 'stdin-dockerfile', bytes: sent.bytes };
      } else {
        const file = fileFlag !== undefined ? normalize(join(ctx.cwd, fileFlag)) : normalize(join(dir, 'Dockerfile'));
        if (fileFlag !== undefined && file.startsWith(`${dir === '/' ? '' : dir}/`)) dockerfileInContext = file.slice(dir === '/' ? 1 : dir.length + 1);
        ownIgnore = `${file}.dockerignore`;
        // -f naming a directory: the legacy daemon reads the Dockerfile's path in the context it
        // unpacked into a temporary directory (moby builder/remotecontext/detect.go
        // readAndParseDockerfile, `unexpected error reading Dockerfile: ...`), BuildKit its base
        // name in its mount of -f's directory (dockerui; recorded: builds/rw-dockerfile-flag).
        // Both directories have random names (os.MkdirTemp): strata prints a fixed one.
        if (fileFlag !== undefined && fs.exists(file) && fs.stat(file).kind === 'dir') {
          if (!legacy) return buildxError(ctx, `failed to solve: failed to read dockerfile: read /var/lib/docker/tmp/buildkit-mount2667940181/${file.slice(file.lastIndexOf('/') + 1)}: is a directory`);
          if (file !== dir) return refusal(ctx, 'strata does not simulate the legacy builder\'s error for a -f naming a directory other than the context');
          errOut(ctx, `${sendingLine(contextTarSize(fs, dir, readDockerIgnore(fs, dir, false)))}Error response from daemon: unexpected error reading Dockerfile: read /var/lib/docker/tmp/docker-builder439653565: is a directory\n`);
          return 1;
        }
        try {
          dockerfile = fs.readFile(file);
        } catch {
          if (legacy) return fail(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: ${evalSymlinksError(fs, file)}`);
          // buildx resolves the Dockerfile's directory first (filepath.EvalSymlinks on the path as
          // typed: `resolve : lstat docker: ...`; recorded: builds/build-dockerfile-paths).
          // A directory that is a file: buildx's stat of it; the file itself missing: BuildKit
          // opens its base name in the directory it was given.
          if (fileFlag !== undefined) {
            const typed = fileFlag.split('/');
            for (let i = 1; i < typed.length; i++) {
              const prefix = typed.slice(0, i).join('/');
              if (prefix === '') continue;
              const abs = normalize(join(ctx.cwd, prefix));
              if (!fs.exists(abs)) return buildxError(ctx, `resolve : lstat ${prefix}: no such file or directory`);
              if (fs.stat(abs).kind !== 'dir') {
                if (i === typed.length - 1) return buildxError(ctx, `stat ${prefix}: not a directory`);
                return refusal(ctx, `strata does not simulate buildx's error for a Dockerfile path through a file (${prefix})`);
              }
            }
          }
          return buildxError(ctx, `failed to solve: failed to read dockerfile: open ${(fileFlag ?? 'Dockerfile').split('/').pop() ?? ''}: no such file or directory`);
        }
        // The legacy CLI sends a Dockerfile outside the context as it sends `-f -`: added to the
        // context's tar under a random name (docker/cli v20.10 cli/command/image/build.go runBuild,
        // "Dockerfile is outside of build-context"; recorded: builds/excerpt-dockerfile-name).
        if (legacy && fileFlag !== undefined && dockerfileInContext === undefined) {
          const sent = stdinDockerfileContext(ctx.st, fs, dir, dockerfile, legacy);
          context = sent.context;
          contextFrom = { kind: 'stdin-dockerfile', bytes: sent.bytes };
        }
      }
    }
    // The buildx CLI strata reproduces is the oracle's, which adds `--network=none` to every
    // `docker buildx build` (shared/oracle/start-engine.sh, its wrapper), so that RUN steps run on
    // its bridge-less daemon. On a normal install that changes nothing strata shows (RUN steps
    // reach no network either way); a stock buildx on a `--bridge=none` daemon would fail them
    // with `network bridge not found` (image/build/builder.ts runNetwork), which compose shows.
    // buildx on a terminal (a page's session) shows BuildKit's tty display on stderr: what the
    // screen keeps of it once the build ended (image/build/progress.ts). With -q it shows nothing.
    const display = !legacy && !flagBool(p, 'quiet') && ctx.io.outTerminal?.stderr === true;
    // Without a terminal buildx prints BuildKit's plain progress on stderr (`#1 [internal] load
    // build definition ...`, each step's `DONE 0.3s`), which strata does not write: refused when
    // it would be the scenario's own output (a redirection or a pipe takes it elsewhere)
    if (!legacy && !flagBool(p, 'quiet') && !display && ctx.io.transcript === true) {
      return refusal(ctx, "strata does not simulate BuildKit's plain progress output (each step with its timing, on stderr): use docker build -q, or send stderr elsewhere (2>/dev/null)");
    }
    const trace = display ? newBuildTrace() : undefined;
    const r = build(ctx.st, ctx.profile, { dockerfile, context, contextFrom, tags, buildArgs, buildArgNames, target: flagString(p, 'target'), ...(Object.keys(secrets).length > 0 ? { secrets } : {}), network: 'none', noCache: flagBool(p, 'no-cache'), forceRm: legacy && flagBool(p, 'force-rm'), keepContainers: legacy && p.flags.rm === false && !flagBool(p, 'force-rm'), labels, dockerfileInContext, dockerfileName, ownIgnore, trace }, ctx.events);
    const quiet = flagBool(p, 'quiet');
    const logShown = legacy && (!r.ok || !quiet);
    if (logShown && contextFrom?.kind === 'stdin-dockerfile' && contextFrom.bytes === undefined) {
      return refusal(ctx, 'strata does not simulate the context size the legacy builder prints for `-f -` or a Dockerfile outside the context into a directory without .dockerignore (the CLI adds two files in Go map order)');
    }
    // buildx reads the context's git information first (build/git.go getGitAttributes): a `.git`
    // directory that `git rev-parse --is-inside-work-tree` does not take for a work tree (strata
    // has no git: every one) is a warning on stderr, whatever the build does next (recorded:
    // builds/dockerignore-real-world).
    const git = context && contextFrom === undefined ? `${context.dir === '/' ? '' : context.dir}/.git` : undefined;
    if (!legacy && git !== undefined && fs.exists(git) && fs.stat(git).kind === 'dir' && !(!r.ok && r.refused)) {
      errOut(ctx, 'WARNING: current commit information was not captured by the build: failed to read current commit information with git rev-parse --is-inside-work-tree\n');
    }
    let shown: string | undefined;
    if (trace && !(!r.ok && r.refused)) {
      const dockerfilePath = context && contextFrom === undefined ? (fileFlag !== undefined ? normalize(join(ctx.cwd, fileFlag)) : `${context.dir === '/' ? '' : context.dir}/Dockerfile`) : undefined;
      const ignorePath = context && contextFrom === undefined ? `${context.dir === '/' ? '' : context.dir}/.dockerignore` : undefined;
      const dockerfileBytes = dockerfilePath !== undefined ? fileTransfer(fs, dockerfilePath) : stdinTransfer(dockerfile.length, fs.uid, fs.gid);
      const d = buildDisplay(trace, { dockerfileName: dockerfileName ?? 'Dockerfile', dockerfileBytes, ignoreBytes: fileTransfer(fs, ignorePath), ...(r.ok ? { image: { id: r.imageId, tags } } : {}) });
      // (refused as a whole: the build's changes are not kept, as for a shell's refusal)
      if (typeof d === 'string') throw new ShellNotSimulated(`strata does not simulate BuildKit's progress display on a terminal for ${d}: use docker build -q, or the page option tty=no`);
      shown = renderBuildDisplay(d);
    }
    if (!r.ok) {
      if (r.refused) return refusal(ctx, r.error);
      if (shown !== undefined) errOut(ctx, shown);
      // With -q the CLI prints the buffered build log to stderr only when the build fails.
      if (legacy) errOut(ctx, r.log);
      errOut(ctx, r.error + '\n');
      return r.status;
    }
    // The 20.10 CLI writes what -q printed (the ID and its newline), else the aux message's ID;
    // buildx the digest alone (docker/cli runBuild imageID; buildx writeMetadata; recorded:
    // builds/build-iidfile).
    const id = `sha256:${r.imageId}`;
    if (quiet) out(ctx, id + '\n');
    else if (shown !== undefined) errOut(ctx, shown);
    else out(ctx, r.log);
    if (iidPath !== undefined) {
      try {
        fs.writeFile(iidPath, legacy && quiet ? id + '\n' : id);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        const why = `open ${iidFile}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}`;
        if (e.code !== 'ENOENT') return refusal(ctx, `strata does not simulate --iidfile failing with ${e.code}`);
        if (legacy) errOut(ctx, why + '\n');
        else errOut(ctx, `ERROR: writing image ID file: ${why}\n`);
        return 1;
      }
    }
    return 0;
  },
};
