// Attached `docker compose up` (without -d): compose 2.26.1's pkg/compose/up.go runs create in a
// progress display whose container lines stay working (create.go HasMore(willAttach)), then,
// outside any display, start.go starts the services with a log printer (printer.go):
// - attach.go prints `Attaching to NAME, NAME` (the attached containers' names without the
//   project, sorted) and registers each with the log consumer (format/log-consumer.ts);
// - the containers start in dependency order; each line one of them prints is written as it
//   comes (utils.GetWriter: whole lines, the rest when the stream closes), and when one exits,
//   `NAME exited with code N` (printer.Run, ContainerEventExit);
// - up ends when every watched container (the attached ones and the services named on the
//   command line: start.go watchContainers) has exited, with status 0 whatever their codes;
// - with --abort-on-container-exit (or --exit-code-from), the first exit ends it: its line,
//   `Aborting on container exit...` on stderr, then Stop on a display of its own (`Stopping`:
//   the services of the command line, else all, in reverse dependency order; the containers that
//   exited too), and nothing more from the containers (printer.Run drops what comes once it is
//   aborting). The status is that container's code, or with --exit-code-from SERVICE the code of
//   SERVICE's own exit; a container compose stopped reports none (its `stop` event comes before
//   its `die`, and watchContainers stops watching at the first: exit 0, recorded).
// Recorded on a pseudo-terminal (test/pages/pty/compose-up-attached*.json,
// compose-attached-*.json) and without one (test/recorded/docker-26.1/compose/attached-up-*).
//
// The containers run in the background as the daemon runs them (container/lifecycle.ts) and
// strata's clock moves from one of their sleeps to the next until they end, their lines printed
// as each step produces them. Which container's line comes first when they run at the same time
// varies from run to run: a page or a scenario is checked with any order that keeps each
// container's own (src/scenario/interleave.ts).
//
// What strata refuses (the command line as a whole, nothing kept: engine.ts), once the containers
// ran: a watched container that never ends by itself (compose streams its logs
// until Ctrl-C) unless another one's exit ends the up; under --abort-on-container-exit, two
// containers that exit in the same step of strata's clock, or one that exits while compose
// still starts others (which one compose sees first is a race); a service named on the command
// line but not attached (compose waits for it without printing it: not recorded).

import { NotSimulated } from '../../engine/not-simulated.ts';
import { SleepLoopNotSimulated } from '../../container/process.ts';
import { ShellNotSimulated } from '../../shell/types.ts';
import type { Container } from '../../engine/state.ts';
import { containerStart } from '../../daemon/index.ts';
import { containerById } from '../../container/registry.ts';
import { refuseIfUnfollowed } from '../../container/unfollowed.ts';
import { MAX_COMMAND_SLEEP } from '../../engine/engine.ts';
import type { Project } from '../model/project.ts';
import { byName, LABEL, projectContainers, serviceOf } from './containers.ts';
import { daemonFail, dependencyOrder, startServices, up, type UpOptions } from './up.ts';
import { ComposeError, type ComposeEnv } from './env.ts';
import { LogConsumer, type LogConsumerOptions } from '../format/log-consumer.ts';
import { stopProject } from '../commands/lifecycle.ts';

export interface AttachOptions extends LogConsumerOptions {
  /** --attach: the services to attach to (empty: the launched ones less `attach: false`). */
  attach: string[];
  /** --no-attach. */
  noAttach: string[];
  /** --attach-dependencies: the launched services' dependencies too. */
  attachDependencies: boolean;
  /** --abort-on-container-exit (implied by --exit-code-from). */
  cascadeStop: boolean;
  /** --exit-code-from. */
  exitCodeFrom?: string;
}

/** How many steps of strata's clock an attached `up` follows before it refuses (a loop that never ends). */
const MAX_STEPS = 600;

/** getContainerNameWithoutProject: `hello-1` for `app-hello-1`; a `container_name` as it is. */
function nameWithoutProject(c: Container): string {
  const l = c.config.Labels;
  const project = l[LABEL.project] ?? '';
  const byDefault = `${project}-${l[LABEL.service] ?? ''}-${l[LABEL.number] ?? ''}`;
  return c.name === byDefault ? c.name.slice(project.length + 1) : c.name;
}

/** cmd/compose/up.go runUp: the services attached to (--attach, or the launched ones), less --no-attach. */
function attachedServices(p: Project, o: UpOptions, a: AttachOptions): string[] {
  let names: string[];
  if (a.attach.length > 0) {
    const unexpected = [...new Set(a.attach)].filter((n) => !(n in p.services));
    if (unexpected.length > 0) throw new ComposeError(`cannot attach to services not included in up: ${unexpected.join(', ')}`);
    names = a.attach;
  } else {
    // ForEachService over the launched services, with their dependencies under --attach-dependencies
    const launched = o.services.length > 0 ? o.services : Object.keys(p.services);
    const walked = a.attachDependencies ? dependencyOrder(p, launched) : launched;
    names = walked.filter((n) => p.services[n]?.attach !== false);
  }
  return [...new Set(names)].filter((n) => !a.noAttach.includes(n));
}

/** The whole of attached `up`: its exit status. */
export function attachedUp(env: ComposeEnv, p: Project, o: UpOptions, a: AttachOptions): number {
  const attachTo = attachedServices(p, o, a);
  const unattached = o.services.filter((s) => !attachTo.includes(s));
  if (unattached.length > 0) {
    throw new NotSimulated(`strata does not simulate attached \`docker compose up\` of a service it does not attach to (${unattached.join(', ')}): compose waits for it without printing it`);
  }
  up(env, p, { ...o, start: false, attach: true });
  env.progress.mute();
  const st = env.ctx.st;
  const launched = o.services.length > 0 ? o.services : Object.keys(p.services);
  const attached = byName(projectContainers(st, p.name, 'exclude', attachTo));
  const consumer = new LogConsumer(env.out, a);
  if (attached.length > 0) env.out.stdout(`Attaching to ${attached.map(nameWithoutProject).join(', ')}\n`);
  for (const c of attached) consumer.register(nameWithoutProject(c));

  // what each attached container printed so far, its unfinished lines, and whether it runs
  const seen = new Map(attached.map((c) => [c.id, c.logs.length]));
  const first = new Map(seen);
  const pending = new Map(attached.map((c) => [c.id, { stdout: '', stderr: '' }]));
  const live = new Set(attached.filter((c) => c.state.status === 'running').map((c) => c.id));
  let trigger: Container | undefined;

  /** A container's lines since the last call (whole lines; all of them when `close`: its streams closed). */
  const print = (c: Container, close: boolean): void => {
    const name = nameWithoutProject(c);
    const rest = pending.get(c.id)!;
    for (const chunk of c.logs.slice(seen.get(c.id))) {
      rest[chunk.stream] += chunk.data;
      let i;
      while ((i = rest[chunk.stream].indexOf('\n')) >= 0) {
        consumer.line(chunk.stream, name, rest[chunk.stream].slice(0, i));
        rest[chunk.stream] = rest[chunk.stream].slice(i + 1);
      }
    }
    seen.set(c.id, c.logs.length);
    if (!close) return;
    for (const stream of ['stdout', 'stderr'] as const) if (rest[stream] !== '') consumer.line(stream, name, rest[stream]);
    rest.stdout = rest.stderr = '';
  };

  /** What the attached containers printed and which of them exited since the last step. */
  const step = (): void => {
    const now = attached.map((c) => containerById(st, c.id)!);
    for (const c of now) refuseIfUnfollowed(c);
    const exited = now.filter((c) => live.has(c.id) && c.state.status !== 'running');
    if (a.cascadeStop && exited.length > 1) {
      throw new SleepLoopNotSimulated(`strata does not simulate attached \`docker compose up --abort-on-container-exit\` when ${exited.map(nameWithoutProject).join(' and ')} exit at the same time (which one compose sees first varies from run to run)`);
    }
    // (under --abort-on-container-exit, what the others print after the first exit is dropped:
    // the exit comes after everything else of this step)
    for (const c of now) if (!exited.includes(c)) print(c, false);
    for (const c of exited) {
      // a stand-in that refused (its 125 after `strata does not simulate ...`, `wget: strata ...`)
      // is no container that exited 125: the command is refused by name (not-simulated.ts)
      const refused = c.state.exitCode === 125 ? /strata does not simulate .*$/m.exec(c.logs.slice(first.get(c.id)).map((l) => l.data).join(''))?.[0] : undefined;
      if (refused !== undefined) throw new ShellNotSimulated(refused);
      print(c, true);
      consumer.status(nameWithoutProject(c), `exited with code ${c.state.exitCode}`);
      live.delete(c.id);
    }
    if (a.cascadeStop && exited.length === 1) trigger = exited[0];
  };

  startServices(env, p, dependencyOrder(p, launched), (c) => {
    step();
    if (trigger !== undefined) {
      throw new SleepLoopNotSimulated(`strata does not simulate attached \`docker compose up --abort-on-container-exit\` when ${nameWithoutProject(trigger)} exits while compose still starts ${nameWithoutProject(c)} (the stop and the start race)`);
    }
    try {
      containerStart(st, c, { attached: false, io: env.ctx.io }, env.ctx.events);
    } catch (e) {
      daemonFail(e);
    }
    if (seen.has(c.id)) live.add(c.id);
  });

  // watchContainers: up waits for the services named on the command line, else for every attached one
  const required = new Set(attached.filter((c) => o.services.length === 0 || o.services.includes(serviceOf(c))).map((c) => c.id));
  const wakeOf = (c: Container): number | undefined => (c.state.paused ? undefined : c.wakeAt);
  for (let steps = 0; ; steps++) {
    step();
    if (trigger !== undefined || ![...live].some((id) => required.has(id))) break;
    const running = [...live].map((id) => containerById(st, id)!);
    const wakes = running.map(wakeOf).filter((w) => w !== undefined);
    const next = wakes.length > 0 ? Math.max(st.clock + 1, Math.ceil(Math.min(...wakes))) : undefined;
    const ends = running.some((c) => required.has(c.id) && wakeOf(c) !== undefined);
    if (next === undefined || !ends || next - st.clock > MAX_COMMAND_SLEEP || steps >= MAX_STEPS || env.ctx.advanceTo === undefined) {
      const forever = running.filter((c) => required.has(c.id)).map(nameWithoutProject);
      throw new SleepLoopNotSimulated(
        `strata does not simulate attached \`docker compose up\` of a container that keeps running (${forever.join(', ')}: compose streams its logs until Ctrl-C): use docker compose up -d and docker compose logs, or --abort-on-container-exit with a container that exits`,
      );
    }
    env.ctx.advanceTo(next);
  }
  if (trigger === undefined) return 0;

  // up.go: the printer's stopFn
  env.out.stderr('Aborting on container exit...\n');
  env.progress.resume('Stopping');
  // pkg/compose/up.go at v2.26.1: s.Stop with the services and project, but not up's --timeout
  stopProject(env, p, projectContainers(st, p.name, 'exclude'), o.services, undefined);
  const from = a.exitCodeFrom ?? serviceOf(trigger);
  return serviceOf(trigger) === from ? trigger.state.exitCode : 0;
}
