// A service's `build:` section (pkg/compose/build.go): compose sends the build to the daemon's
// BuildKit itself (not through the buildx CLI), tagged with the service's image name
// (`<project>-<service>` without `image:`). The Dockerfile is `dockerfile` inside the context,
// or `dockerfile_inline`. `network:` chooses where RUN steps run: the daemon's `bridge` unless
// `none` or `host` (image/build/builder.ts runNetwork). A failed solve is reported as BuildKit words it, exit 17 (recorded in
// ../shared/oracle/README.md, "Compose").

import { NotSimulated } from '../../engine/not-simulated.ts';
import { imageBuild } from '../../daemon/index.ts';
import { hostFs } from '../../container/runtime-fs.ts';
import { join, normalize } from '../../fs/path.ts';
import { imageName, type Project, type ServiceModel } from '../model/project.ts';
import { ComposeError, type ComposeEnv } from './env.ts';
import { COMPOSE_VERSION, LABEL } from './containers.ts';
import { buildDisplay, fileTransfer, mergedServiceDisplays, newBuildTrace, renderBuildDisplay, stdinTransfer, withServicePrefix } from '../../image/build/progress.ts';

/** compose's exit status for a failed build (cmd/compose BuildFailure... as recorded). */
const BUILD_FAILURE = 17;

export function buildService(env: ComposeEnv, p: Project, s: ServiceModel, o: { quiet?: boolean; several?: boolean } = {}): string {
  const b = s.build;
  if (!b) throw new ComposeError(`service ${JSON.stringify(s.name)} has no build section`);
  // On a terminal compose shows BuildKit's display of the build, each vertex named after the
  // service (buildTerminalDisplay); several services are built side by side on one display
  // (showBuilds). `several`: other services are built by the same command.
  const tty = env.progress.mode === 'tty' && o.quiet !== true;
  const fs = hostFs(env.ctx.st);
  const dir = normalize(join(p.workingDir, b.context));
  if (!fs.exists(dir)) throw new ComposeError(`unable to prepare context: path ${JSON.stringify(dir)} not found`, BUILD_FAILURE);
  let dockerfile: string;
  if (b.dockerfile_inline !== undefined) dockerfile = b.dockerfile_inline;
  else {
    const file = normalize(join(dir, b.dockerfile ?? 'Dockerfile'));
    try {
      dockerfile = fs.readFile(file);
    } catch {
      throw new ComposeError(`failed to solve: failed to read dockerfile: open ${b.dockerfile ?? 'Dockerfile'}: no such file or directory`, BUILD_FAILURE);
    }
  }
  const args: Record<string, string> = {};
  for (const [k, v] of Object.entries(b.args ?? {})) if (v !== null) args[k] = v;
  const tag = imageName(p, s);
  // `target:` stops the build at that stage, as `docker build --target` does; an unknown one is
  // BuildKit's solve error, which compose prints alone (recorded: compose/build-target)
  const trace = tty ? newBuildTrace() : undefined;
  // The image is labelled with `build.labels`, then compose's project, service and version, which
  // win over labels of the same names (pkg/compose/build.go getImageBuildLabels at v2.26.1): two
  // services of one Dockerfile make two images (recorded: compose/build-labels).
  const labels = { ...(b.labels ?? {}), [LABEL.version]: COMPOSE_VERSION, [LABEL.project]: p.name, [LABEL.service]: s.name };
  // Several services' builds run side by side: each transfers its context as BuildKit held it
  // before the command (recorded: compose-pb2-sharedrun-*, two services of one context, `42B`
  // both, `30B` both when built again), not after the build strata ran before it.
  if (tty && o.several === true) {
    const st = env.ctx.st;
    if ((env.builds ?? []).length === 0) env.contextsHeldBefore = { ...(st.buildContextSent ?? {}) };
    const before = env.contextsHeldBefore?.[dir];
    if (st.buildContextSent?.[dir] !== undefined && before === undefined) delete st.buildContextSent[dir];
    else if (before !== undefined) (st.buildContextSent ??= {})[dir] = before;
  }
  const r = imageBuild(env.ctx.st, env.ctx.profile, { dockerfile, context: { fs, dir }, tags: tag === undefined ? [] : [tag], buildArgs: args, labels, network: b.network, ...(b.target !== undefined ? { target: b.target } : {}), ...(trace ? { trace } : {}) }, env.ctx.events);
  if (!r.ok && r.refused) throw new ComposeError(r.error, 125);
  if (trace) {
    // compose's printer writes to its stdout (build.go xprogress.NewPrinter(..., os.Stdout, ...)),
    // before the display of what it does next (`[+] Running 2/2` of up), or before its error: a
    // failed step's output comes after the display as on `docker build`'s (recorded:
    // compose-pb-compose-fail)
    const file = b.dockerfile ?? 'Dockerfile';
    const d = buildDisplay(trace, {
      dockerfileName: file.slice(file.lastIndexOf('/') + 1),
      // (`dockerfile_inline`: buildx writes it to a file `Dockerfile` of a directory of its own,
      // as a Dockerfile from stdin, and sends that: recorded, compose-pb-inline, 95B for 58)
      dockerfileBytes: b.dockerfile_inline !== undefined ? stdinTransfer(dockerfile.length, fs.uid, fs.gid) : fileTransfer(fs, normalize(join(dir, file))),
      ignoreBytes: fileTransfer(fs, `${dir === '/' ? '' : dir}/.dockerignore`),
      ...(r.ok ? { image: { id: r.imageId, tags: tag === undefined ? [] : [tag] } } : {}),
    });
    if (typeof d === 'string') throw new NotSimulated(TTY_REFUSAL(r.ok ? d : `a build that fails: ${d}`));
    // (a failure cancels the builds beside it: what the display shows of them is not recorded)
    if (!r.ok && o.several === true) throw new NotSimulated(TTY_REFUSAL('a build that fails beside other services\' builds'));
    (env.builds ??= []).push({ service: s.name, display: d, ...(b.network !== undefined ? { network: b.network } : {}), context: dir });
    if (!r.ok) showBuilds(env);
  }
  if (!r.ok) {
    // compose prints the solve's error alone: the excerpt is the buildx CLI's (recorded:
    // compose/bridge-none-build, and on a terminal compose-pb-compose-fail)
    throw new ComposeError(r.solveError ?? r.error.replace(/^ERROR: /, ''), BUILD_FAILURE);
  }
  for (const t of b.tags ?? []) env.ctx.st.tags[t.includes(':') ? t : `${t}:latest`] = r.imageId;
  return r.imageId;
}

/**
 * The display of the builds this command ran, once they are done: one service's, or several
 * services' on one display (image/build/progress.ts mergedServiceDisplays). compose's printer
 * writes to its stdout (build.go xprogress.NewPrinter(..., os.Stdout, ...)), before the display
 * of what it does next.
 */
export function showBuilds(env: ComposeEnv): void {
  const builds = env.builds ?? [];
  env.builds = [];
  if (builds.length === 0) return;
  const d = builds.length === 1 ? withServicePrefix(builds[0].display, builds[0].service) : mergedServiceDisplays(builds);
  if (typeof d === 'string') throw new NotSimulated(TTY_REFUSAL(d));
  env.out.stdout(renderBuildDisplay(d));
}

const TTY_REFUSAL = (what: string): string =>
  `strata does not simulate compose's build display on a terminal for ${what}: use docker compose --progress plain, or build first with docker compose --progress quiet build`;
