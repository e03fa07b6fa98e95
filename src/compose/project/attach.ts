// Attached `docker compose up` (without -d) on a terminal: compose 2.26.1's pkg/compose/up.go
// runs create in a progress display whose container lines stay working (create.go
// HasMore(willAttach)), then, outside any display, start with a log printer: attach.go prints
// `Attaching to NAME` (the containers' names without the project, sorted), the containers start
// in dependency order, and printer.go writes each line a container prints through the log
// consumer (cmd/formatter/logs.go: ClearLine's `ESC [ 2 K` on stdout, the presenter's prefix
// `NAME  | ` padded to the longest name + 1 in the next rainbow colour, cyan first, colors.go),
// stdout's lines on stdout and stderr's on stderr, then `NAME exited with code N` in that colour
// (printer.Run). Without --abort-on-container-exit, the exit code is 0 whatever the container's
// (exitCode only changes under cascadeStop). Recorded on a pseudo-terminal:
// test/pages/pty/compose-up-attached*.json.
//
// What strata leaves out: several attached containers (their lines interleave as they run, which
// varies from run to run), a container that keeps running (compose streams its logs until Ctrl-C),
// and attached `up` without a terminal (not recorded).

import { NotSimulated } from '../../engine/not-simulated.ts';
import type { Container } from '../../engine/state.ts';
import { containerStart } from '../../daemon/index.ts';
import type { Project } from '../model/project.ts';
import { LABEL, projectContainers } from './containers.ts';
import { daemonFail, dependencyOrder, startServices, startWithProgress, up, type UpOptions } from './up.ts';
import type { ComposeEnv } from './env.ts';

export interface LogOptions {
  /** Not --no-color. */
  color: boolean;
  /** Not --no-log-prefix. */
  prefix: boolean;
}

/** getContainerNameWithoutProject: `hello-1` for `app-hello-1`; a `container_name` as it is. */
function nameWithoutProject(c: Container): string {
  const l = c.config.Labels;
  const project = l[LABEL.project] ?? '';
  const byDefault = `${project}-${l[LABEL.service] ?? ''}-${l[LABEL.number] ?? ''}`;
  return c.name === byDefault ? c.name.slice(project.length + 1) : c.name;
}

/** The whole of attached `up`: its exit status. */
export function attachedUp(env: ComposeEnv, p: Project, o: UpOptions, log: LogOptions): number {
  up(env, p, { ...o, start: false, attach: true });
  env.progress.mute();
  const st = env.ctx.st;
  const launched = o.services.length > 0 ? o.services : Object.keys(p.services);
  // cmd/compose/up.go: the launched services (not their dependencies) unless `attach: false`
  const attachTo = launched.filter((n) => p.services[n]?.attach !== false);
  const containers = projectContainers(st, p.name, 'exclude', attachTo).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (containers.length !== 1) {
    throw new NotSimulated(
      `strata does not simulate attached \`docker compose up\` with ${containers.length} containers to attach to (their lines interleave as they run, differently from run to run): use docker compose up -d and docker compose logs`,
    );
  }
  const c = containers[0];
  const name = nameWithoutProject(c);
  env.out.stdout(`Attaching to ${name}\n`);
  const paint = (s: string): string => (log.color ? `\x1b[36m${s}\x1b[0m` : s);
  const prefix = log.prefix ? paint(`${name.padEnd(name.length + 1)} | `) : '';
  const pending = { stdout: '', stderr: '' };
  const line = (stream: 'stdout' | 'stderr', text: string): void => {
    // ClearLine writes to os.Stdout whatever the line's stream
    env.out.stdout('\x1b[2K');
    env.out[stream](`${prefix}${text}\n`);
  };
  // utils.GetWriter: whole lines as they come, the rest when the stream closes
  const write = (stream: 'stdout' | 'stderr') => (data: string) => {
    pending[stream] += data;
    let i;
    while ((i = pending[stream].indexOf('\n')) >= 0) {
      line(stream, pending[stream].slice(0, i));
      pending[stream] = pending[stream].slice(i + 1);
    }
  };
  let ran: ReturnType<typeof containerStart> | undefined;
  startServices(env, p, dependencyOrder(p, launched), (x) => {
    if (x.id !== c.id) return startWithProgress(env, x);
    try {
      ran = containerStart(st, x, { attached: true, io: { ...env.ctx.io, stdin: '', stdout: write('stdout'), stderr: write('stderr') }, stdin: '', sleep: env.ctx.sleep }, env.ctx.events);
    } catch (e) {
      daemonFail(e);
    }
  });
  for (const stream of ['stdout', 'stderr'] as const) if (pending[stream] !== '') line(stream, pending[stream]);
  if (ran === undefined) return 0;
  if (ran.kind === 'running') {
    throw new NotSimulated(
      `strata does not simulate attached \`docker compose up\` of a container that keeps running (compose streams its logs until Ctrl-C): use docker compose up -d and docker compose logs`,
    );
  }
  env.out.stdout(paint(`${name} exited with code ${ran.status}\n`));
  return 0;
}
