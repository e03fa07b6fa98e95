// `docker compose run SERVICE [COMMAND]` (pkg/compose/run.go prepareRun): a one-off container
// `<project>-<service>-run-<slug>` labelled oneoff=True, created without progress lines, its
// dependencies started first (unless --no-deps); its anonymous volumes are its own (never the
// service container's), `-v` adds mounts, and --rm is the daemon's AutoRemove: the container and
// its anonymous volumes go when it exits (recorded: anonymous-volumes/run-rm-fresh-anon-volumes).

import { parsePortConfig } from '../model/ports.ts';
import { envProblem, flagBool, flagList, flagString } from '../../docker/args.ts';
import { DaemonError, containerStart } from '../../daemon/index.ts';
import { nextId } from '../../engine/ids.ts';
import { load } from '../cli.ts';
import { parseVolumeSpec } from '../model/canonical.ts';
import type { ServiceVolume } from '../model/project.ts';
import { shellwords } from '../model/shellwords.ts';
import { createServiceContainer } from '../project/create.ts';
import { dependencyOrder, ensureImages, ensureNetworks, ensureVolumes, refuseWaits, resolveVolumesFrom, startServices, up } from '../project/up.ts';
import { ComposeError } from '../project/env.ts';
import { LABEL } from '../project/containers.ts';
import type { ComposeCommand } from './command.ts';

export const runCommand: ComposeCommand = {
  spec: {
    path: 'compose run',
    usage: 'docker compose run [OPTIONS] SERVICE [COMMAND] [ARGS...]',
    description: 'Run a one-off command on a service',
    args: { min: 1 },
    interspersed: false,
    flags: [
      { long: 'rm', kind: 'bool', help: 'Automatically remove the container when it exits' },
      { long: 'name', kind: 'string', help: 'Assign a name to the container' },
      { long: 'volume', short: 'v', kind: 'list', help: 'Bind mount a volume' },
      { long: 'env', short: 'e', kind: 'list', help: 'Set environment variables', validate: envProblem },
      { long: 'entrypoint', kind: 'string', help: 'Override the entrypoint of the image' },
      { long: 'workdir', short: 'w', kind: 'string', help: 'Working directory inside the container' },
      { long: 'user', short: 'u', kind: 'string', help: 'Run as specified username or uid' },
      { long: 'label', short: 'l', kind: 'list', help: 'Add or override a label' },
      { long: 'no-deps', kind: 'bool', help: "Don't start linked services" },
      { long: 'no-TTY', short: 'T', kind: 'bool', help: 'Disable pseudo-TTY allocation (default: auto-detected)' },
      { long: 'interactive', short: 'i', kind: 'bool', help: 'Keep STDIN open even if not attached' },
      { long: 'tty', short: 't', kind: 'bool', help: 'Allocate a pseudo-TTY', hidden: true },
      { long: 'build', kind: 'bool', help: 'Build image before starting container' },
      { long: 'quiet-pull', kind: 'bool', help: 'Pull without printing progress information' },
      { long: 'remove-orphans', kind: 'bool', help: 'Remove containers for services not defined in the Compose file' },
      { long: 'service-ports', short: 'P', kind: 'bool', help: "Run command with all service's ports enabled and mapped to the host" },
      { long: 'use-aliases', kind: 'bool', help: "Use the service's network useAliases in the network(s) the container connects to" },
      { long: 'detach', short: 'd', kind: 'bool', help: 'Run container in background and print container ID' },
      { long: 'publish', short: 'p', kind: 'list', help: "Publish a container's port(s) to the host" },
      { long: 'cap-add', kind: 'list', help: 'Add Linux capabilities' },
      { long: 'cap-drop', kind: 'list', help: 'Drop Linux capabilities' },
    ],
  },
  run(env, p) {
    const [service, ...command] = p.args;
    const publish = flagList(p, 'publish');
    if (publish.length > 0 && flagBool(p, 'service-ports')) throw new ComposeError('--service-ports and --publish are incompatible');
    // cmd/compose/run.go: -T defaults to stdout not being a terminal (a scenario's never is), -t
    // turns it off, both are refused together; the service's own `tty:` is replaced by that
    // (applyRunOptions: service.Tty = opts.Tty); -i defaults to true
    if (p.flags.tty !== undefined && p.flags['no-TTY'] !== undefined) throw new ComposeError("--tty and --no-TTY can't be used together");
    // on a terminal (a page's session) -T is not the default, the terminal passes CheckTty, and
    // the process reads what the reader types (recorded on a pty: test/pages/pty/compose-run-tty-*.json)
    const keyboard = env.ctx.io.keyboard;
    const tty = keyboard !== undefined ? !flagBool(p, 'no-TTY') : flagBool(p, 'tty');
    const interactive = p.flags.interactive === undefined || flagBool(p, 'interactive');
    const project = load(env, { services: [service] });
    const s0 = project.services[service];
    if (!s0) throw new ComposeError(`no such service: ${service}`);
    // runOptions.apply (cmd/compose/run.go): without --service-ports the service's ports are
    // replaced by the -p values (types.ParsePortConfig; recorded: compose/run-ports)
    let ports = s0.ports;
    if (!flagBool(p, 'service-ports')) {
      ports = [];
      for (const v of publish) {
        const parsed = parsePortConfig(v);
        if (typeof parsed === 'string') throw new ComposeError(parsed);
        ports.push(...parsed);
      }
    }
    const st = env.ctx.st;
    const extra: ServiceVolume[] = flagList(p, 'volume').map((spec) => {
      const v = parseVolumeSpec(spec);
      // format.ParseVolume only: a relative source is not resolved, so the daemon reads `./out`
      // as a volume name and refuses it (recorded: compose/run-options)
      const sv: ServiceVolume = { type: v.type, target: v.target, ...(v.source !== '' ? { source: v.source } : {}), ...(v.readOnly ? { read_only: true } : {}) };
      if (v.type === 'bind') sv.bind = { ...(v.bind ?? {}), create_host_path: true };
      if (v.type === 'volume') sv.volume = { ...(v.volume ?? {}) };
      return sv;
    });
    const deps = Object.keys(s0.depends_on ?? {});
    if (!flagBool(p, 'no-deps')) refuseWaits((n) => project.services[n]?.depends_on, [service]);
    // startDependencies (pkg/compose/run.go at v2.26.1): Create (a display titled `Creating`),
    // then Start (progress.Run: `Running`), each its own display on a terminal (recorded on a pty:
    // test/pages/pty/compose-run-tty-first.json)
    if (!flagBool(p, 'no-deps') && deps.length > 0) {
      up(env, project, { recreate: 'diverged', renewAnonVolumes: false, build: false, noBuild: false, removeOrphans: false, start: false, services: deps });
      env.progress.finish('Running');
      startServices(env, project, dependencyOrder(project, deps));
    }
    // startDependencies' Create ensures the networks and volumes (even without dependencies);
    // then prepareRun checks the terminal (streams.In.CheckTty) before the service's image and
    // its container (pkg/compose/run.go at v2.26.1; recorded: compose/cli-forms)
    ensureNetworks(env, project);
    ensureVolumes(env, project);
    // (the end of startDependencies' progress.Run: its display is drawn before the container runs)
    env.progress.finish();
    if (tty && interactive && keyboard === undefined) throw new ComposeError('the input device is not a TTY');
    const images = ensureImages(env, project, { build: flagBool(p, 'build'), noBuild: false }, [service]);
    const slug = nextId(st.ids);
    const name = flagString(p, 'name') ?? `${project.name}-${service}-run-${slug.slice(0, 12)}`;
    const labels: Record<string, string> = { [LABEL.slug]: slug };
    for (const l of flagList(p, 'label')) {
      const i = l.indexOf('=');
      labels[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1);
    }
    // -e KEY takes KEY from the project's environment (the process's and .env's), and a KEY found
    // in neither is dropped, so the service's own value stays (pkg/compose/run.go at v2.26.1:
    // NewMappingWithEquals, Resolve(envResolver(project.Environment)), RemoveEmpty; recorded:
    // compose/sweep-run-flags)
    const envs: Record<string, string | null> = {};
    for (const e of flagList(p, 'env')) {
      const i = e.indexOf('=');
      if (i >= 0) envs[e.slice(0, i)] = e.slice(i + 1);
      else if (project.environment.get(e) !== undefined) envs[e] = project.environment.get(e)!;
    }
    const entrypoint = flagString(p, 'entrypoint');
    // prepareRun resolves the service's references as up does (pkg/compose/run.go at v2.26.1:
    // resolveServiceReferences): volumes_from a service is its first container's ID (recorded:
    // compose/sweep-run-volumes-from-backup)
    const s = { ...s0, restart: undefined, ports, ...(s0.volumes_from !== undefined ? { volumes_from: resolveVolumesFrom(env, project, s0) } : {}) };

    let c;
    try {
      c = createServiceContainer(env, project, s, {
        name,
        number: 1,
        imageId: images.get(service)!,
        oneoff: true,
        autoRemove: flagBool(p, 'rm'),
        override: {
          ...(command.length > 0 ? { command } : {}),
          ...(entrypoint !== undefined ? { entrypoint: entrypoint === '' ? [] : shellwords(entrypoint) } : {}),
          ...(flagString(p, 'workdir') !== undefined ? { working_dir: flagString(p, 'workdir') } : {}),
          ...(flagString(p, 'user') !== undefined ? { user: flagString(p, 'user') } : {}),
          ...(extra.length > 0 ? { volumes: [...(s0.volumes ?? []), ...extra] } : {}),
          env: envs,
          labels,
          tty,
          stdinOpen: interactive,
        },
      });
    } catch (e) {
      if (e instanceof DaemonError) throw new ComposeError(`Error response from daemon: ${e.message}`);
      throw e;
    }
    const detach = flagBool(p, 'detach');
    try {
      const typed = !detach && interactive ? keyboard : undefined;
      const r = containerStart(st, c, { attached: !detach, io: env.ctx.io, stdin: typed ? '' : env.ctx.io.stdin, ...(typed ? { keyboard: typed } : {}), sleep: env.ctx.sleep }, env.ctx.events);
      if (detach) {
        env.out.stdout(`${c.id}\n`);
        return 0;
      }
      return r.kind === 'running' ? 0 : r.status;
    } catch (e) {
      if (e instanceof DaemonError) throw new ComposeError(`Error response from daemon: ${e.message}`);
      throw e;
    }
  },
};
