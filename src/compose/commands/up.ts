// `docker compose up` and `create` (cmd/compose/up.go, create.go). Attached `up` streams the
// services' logs until they stop (project/attach.ts).

import { flagBool, flagInt, flagList, flagString, type FlagSpec, type ParsedArgs } from '../../docker/args.ts';
import { quote } from '../../docker/format/fmt.ts';
import { load } from '../cli.ts';
import { up } from '../project/up.ts';
import { attachedUp } from '../project/attach.ts';
import { withSelectedServices, type Project } from '../model/project.ts';
import { ComposeError } from '../project/env.ts';
import type { ComposeCommand } from './command.ts';

// The flags `up` and `create` share, with compose's help texts (in compose's order: up lists -V
// between the two groups).
const RECREATE_FLAGS: FlagSpec[] = [
  { long: 'force-recreate', kind: 'bool', help: "Recreate containers even if their configuration and image haven't changed" },
  { long: 'no-recreate', kind: 'bool', help: "If containers already exist, don't recreate them. Incompatible with --force-recreate." },
];
const BUILD_FLAGS: FlagSpec[] = [
  { long: 'build', kind: 'bool', help: 'Build images before starting containers' },
  { long: 'no-build', kind: 'bool', help: "Don't build an image, even if it's policy" },
  { long: 'remove-orphans', kind: 'bool', help: 'Remove containers for services not defined in the Compose file' },
];

/** --force-recreate / --no-recreate as up's recreate policy (they exclude each other). */
function recreateMode(p: ParsedArgs): 'force' | 'never' | 'diverged' {
  if (flagBool(p, 'force-recreate') && flagBool(p, 'no-recreate')) throw new ComposeError('--force-recreate and --no-recreate are incompatible');
  return flagBool(p, 'force-recreate') ? 'force' : flagBool(p, 'no-recreate') ? 'never' : 'diverged';
}

/** Services named on the command line must be in the model (recorded: compose/up-services-and-orphans). */
function checkServices(project: Project, services: string[]): void {
  for (const s of services) if (!(s in project.services)) throw new ComposeError(`no such service: ${s}`);
}

/**
 * applyScaleOpts (cmd/compose/create.go at v2.26.1): each `SERVICE=NUM` sets the service's scale
 * (and deploy.replicas: SetScale) (recorded: compose/scale).
 */
function applyScale(project: Project, opts: string[]): void {
  for (const opt of opts) {
    const split = opt.split('=');
    if (split.length !== 2) throw new ComposeError(`invalid --scale option ${quote(opt)}. Should be SERVICE=NUM`);
    const [name, num] = split;
    if (!/^[+-]?\d+$/.test(num)) throw new ComposeError(`strconv.Atoi: parsing ${quote(num)}: invalid syntax`);
    const s = project.services[name];
    // Project.GetService's error wraps api.ErrNotFound
    if (!s) throw new ComposeError(`no such service: ${name}: not found`);
    const n = Number(num);
    project.services[name] = { ...s, scale: n, ...(s.deploy ? { deploy: { ...s.deploy, replicas: n } } : {}) };
  }
}

/** --pull: missing (the default) and never; a pull of every image each time is not simulated. */
function pullFlag(p: ParsedArgs): 'missing' | 'never' | undefined {
  const pull = flagString(p, 'pull');
  if (pull !== undefined && pull !== 'missing' && pull !== 'never') throw new ComposeError(`strata does not simulate \`--pull ${pull}\` (there is no registry)`, 125);
  return pull;
}

export const upCommand: ComposeCommand = {
  spec: {
    path: 'compose up',
    usage: 'docker compose up [OPTIONS] [SERVICE...]',
    description: 'Create and start containers',
    args: { min: 0 },
    flags: [
      { long: 'detach', short: 'd', kind: 'bool', help: 'Detached mode: Run containers in the background' },
      ...RECREATE_FLAGS,
      { long: 'renew-anon-volumes', short: 'V', kind: 'bool', help: 'Recreate anonymous volumes instead of retrieving data from the previous containers' },
      ...BUILD_FLAGS,
      { long: 'no-start', kind: 'bool', help: "Don't start the services after creating them" },
      { long: 'no-deps', kind: 'bool', help: "Don't start linked services" },
      { long: 'always-recreate-deps', kind: 'bool', help: 'Recreate dependent containers. Incompatible with --no-recreate.' },
      { long: 'quiet-pull', kind: 'bool', help: 'Pull without printing progress information' },
      { long: 'pull', kind: 'string', help: 'Pull image before running ("always"|"missing"|"never")' },
      { long: 'timeout', short: 't', kind: 'int', help: 'Use this timeout in seconds for container shutdown when attached or when containers are already running' },
      { long: 'wait', kind: 'bool', help: 'Wait for services to be running|healthy. Implies detached mode.' },
      { long: 'wait-timeout', kind: 'int', help: 'Maximum duration to wait for the project to be running|healthy' },
      { long: 'scale', kind: 'list', help: 'Scale SERVICE to NUM instances. Overrides the `scale` setting in the Compose file if present.' },
      { long: 'abort-on-container-exit', kind: 'bool', help: 'Stops all containers if any container was stopped. Incompatible with -d' },
      { long: 'exit-code-from', kind: 'string', help: 'Return the exit code of the selected service container. Implies --abort-on-container-exit' },
      { long: 'attach', kind: 'list', help: 'Restrict attaching to the specified services. Incompatible with --attach-dependencies.' },
      { long: 'no-attach', kind: 'list', help: "Do not attach (stream logs) to the specified services" },
      { long: 'attach-dependencies', kind: 'bool', help: 'Automatically attach to log output of dependent services' },
      { long: 'watch', short: 'w', kind: 'bool', help: 'Watch source code and rebuild/refresh containers when files are updated.', refuse: 'file watching is not simulated' },
      { long: 'no-color', kind: 'bool', help: 'Produce monochrome output' },
      { long: 'no-log-prefix', kind: 'bool', help: "Don't print prefix in logs" },
      { long: 'timestamps', kind: 'bool', help: 'Show timestamps' },
    ],
  },
  run(env, p) {
    // validateFlags (cmd/compose/up.go at v2.26.1), in its order: --exit-code-from implies
    // --abort-on-container-exit; --wait implies --detach
    const exitCodeFrom = flagString(p, 'exit-code-from') || undefined;
    const cascadeStop = flagBool(p, 'abort-on-container-exit') || exitCodeFrom !== undefined;
    const attach = flagList(p, 'attach');
    const attachDependencies = flagBool(p, 'attach-dependencies');
    const wait = flagBool(p, 'wait');
    if (wait && (attachDependencies || cascadeStop || attach.length > 0)) throw new ComposeError('--wait cannot be combined with --abort-on-container-exit, --attach or --attach-dependencies');
    if (flagBool(p, 'build') && flagBool(p, 'no-build')) throw new ComposeError('--build and --no-build are incompatible');
    const detach = flagBool(p, 'detach') || wait;
    if (detach && (attachDependencies || cascadeStop || attach.length > 0)) throw new ComposeError('--detach cannot be combined with --abort-on-container-exit, --attach or --attach-dependencies');
    const recreate = recreateMode(p);
    const recreateDeps = flagBool(p, 'always-recreate-deps');
    if (recreateDeps && recreate === 'never') throw new ComposeError('--always-recreate-deps and --no-recreate are incompatible');
    const pull = pullFlag(p);
    const loaded = load(env, { services: p.args });
    checkServices(loaded, p.args);
    applyScale(loaded, flagList(p, 'scale'));
    // upOptions.apply (cmd/compose/up.go at v2.26.1): --no-deps selects the named services alone
    const project = flagBool(p, 'no-deps') ? withSelectedServices(loaded, p.args, true) : loaded;
    // upOptions.apply: Project.GetService's error wraps api.ErrNotFound
    if (exitCodeFrom !== undefined && !(exitCodeFrom in project.services)) throw new ComposeError(`no such service: ${exitCodeFrom}: not found`);
    if (attach.length > 0 && attachDependencies) throw new ComposeError('cannot combine --attach and --attach-dependencies');
    const options = {
      recreate,
      recreateDeps,
      renewAnonVolumes: flagBool(p, 'renew-anon-volumes'),
      build: flagBool(p, 'build'),
      noBuild: flagBool(p, 'no-build'),
      removeOrphans: flagBool(p, 'remove-orphans'),
      start: !flagBool(p, 'no-start'),
      wait,
      waitTimeout: flagInt(p, 'wait-timeout') ?? 0,
      services: p.args,
      quietPull: flagBool(p, 'quiet-pull'),
      ...(pull !== undefined ? { pull } : {}),
      timeout: flagInt(p, 'timeout'),
    };
    if (!detach && !flagBool(p, 'no-start')) {
      if (flagBool(p, 'timestamps')) throw new ComposeError('strata does not simulate `docker compose up --timestamps` (the times of the log lines)', 125);
      return attachedUp(env, project, options, {
        color: !flagBool(p, 'no-color') && env.ansi,
        prefix: !flagBool(p, 'no-log-prefix'),
        attach,
        noAttach: flagList(p, 'no-attach'),
        attachDependencies,
        cascadeStop,
        ...(exitCodeFrom !== undefined ? { exitCodeFrom } : {}),
      });
    }
    up(env, project, options);
    return 0;
  },
};

export const createCommand: ComposeCommand = {
  spec: {
    path: 'compose create',
    usage: 'docker compose create [OPTIONS] [SERVICE...]',
    description: 'Creates containers for a service',
    args: { min: 0 },
    flags: [
      ...RECREATE_FLAGS,
      ...BUILD_FLAGS,
      { long: 'pull', kind: 'string', help: 'Pull image before running ("always"|"missing"|"never"|"build")' },
      { long: 'quiet-pull', kind: 'bool', help: 'Pull without printing progress information' },
      { long: 'scale', kind: 'list', help: 'Scale SERVICE to NUM instances.' },
    ],
  },
  run(env, p) {
    const recreate = recreateMode(p);
    const pull = pullFlag(p);
    const project = load(env, { services: p.args });
    checkServices(project, p.args);
    applyScale(project, flagList(p, 'scale'));
    up(env, project, {
      recreate,
      renewAnonVolumes: false,
      build: flagBool(p, 'build'),
      noBuild: flagBool(p, 'no-build'),
      removeOrphans: flagBool(p, 'remove-orphans'),
      start: false,
      services: p.args,
      quietPull: flagBool(p, 'quiet-pull'),
      ...(pull !== undefined ? { pull } : {}),
      timeout: flagInt(p, 'timeout'),
    });
    return 0;
  },
};
