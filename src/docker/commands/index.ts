// Every docker command strata simulates, by the path `docker --help` lists it under, with the
// aliases docker accepts (`docker ps` = `docker container ls`, ...).

import type { DockerCommand } from '../command.ts';
import { run } from './container/run.ts';
import { create } from './container/create.ts';
import { start } from './container/start.ts';
import { kill, stop } from './container/stop.ts';
import { restart } from './container/restart.ts';
import { rm } from './container/rm.ts';
import { exec } from './container/exec.ts';
import { ps } from './container/ps.ts';
import { diff } from './container/diff.ts';
import { logs } from './container/logs.ts';
import { commit } from './container/commit.ts';
import { containerPrune } from './container/prune.ts';
import { cp } from './container/cp.ts';
import { exportCommand } from './container/export.ts';
import { wait } from './container/wait.ts';
import { rename } from './container/rename.ts';
import { update } from './container/update.ts';
import { pause, unpause } from './container/pause.ts';
import { containerInspect, imageInspect, inspect, volumeInspect } from './inspect.ts';
import { volumeCreate } from './volume/create.ts';
import { volumeLs } from './volume/ls.ts';
import { volumeRm } from './volume/rm.ts';
import { volumePrune } from './volume/prune.ts';
import { systemPrune } from './system/prune.ts';
import { systemDf } from './system/df.ts';
import { info } from './system/info.ts';
import { buildCommand } from './image/build.ts';
import { images } from './image/ls.ts';
import { history } from './image/history.ts';
import { tag } from './image/tag.ts';
import { rmi } from './image/rm.ts';
import { imagePrune } from './image/prune.ts';
import { pull } from './image/pull.ts';
import { importCommand } from './image/import.ts';
import { save } from './image/save.ts';
import { load } from './image/load.ts';
import { port } from './container/port.ts';
import { top } from './container/top.ts';
import { stats } from './container/stats.ts';
import { networkCreate } from './network/create.ts';
import { networkLs } from './network/ls.ts';
import { networkRm } from './network/rm.ts';
import { networkInspect } from './network/inspect.ts';
import { networkConnect } from './network/connect.ts';
import { networkDisconnect } from './network/disconnect.ts';
import { networkPrune } from './network/prune.ts';

export const COMMANDS: DockerCommand[] = [
  run, create, start, stop, restart, kill, rm, exec, ps, diff, logs, commit, cp, exportCommand, containerPrune, wait, rename, update, pause, unpause, port, top, stats,
  inspect, containerInspect, imageInspect, volumeInspect,
  volumeCreate, volumeLs, volumeRm, volumePrune, systemPrune, systemDf, info,
  networkCreate, networkLs, networkRm, networkInspect, networkConnect, networkDisconnect, networkPrune,
  buildCommand, images, history, tag, rmi, imagePrune, pull, importCommand, save, load,
];

/** Alternative spellings → canonical path. */
export const ALIASES: Record<string, string> = {
  'container run': 'run',
  'container create': 'create',
  'container start': 'start',
  'container stop': 'stop',
  'container restart': 'restart',
  'container kill': 'kill',
  'container rm': 'rm',
  'container remove': 'rm',
  'container exec': 'exec',
  'container ls': 'ps',
  'container list': 'ps',
  'container ps': 'ps',
  'container diff': 'diff',
  'container logs': 'logs',
  'container commit': 'commit',
  'container cp': 'cp',
  'container export': 'export',
  'container wait': 'wait',
  'container pause': 'pause',
  'container unpause': 'unpause',
  'container rename': 'rename',
  'container update': 'update',
  'container port': 'port',
  'container top': 'top',
  'container stats': 'stats',
  'network list': 'network ls',
  'network remove': 'network rm',
  'system info': 'info',
  'image build': 'build',
  'image ls': 'images',
  'image list': 'images',
  'image history': 'history',
  'image tag': 'tag',
  'image pull': 'pull',
  'image rm': 'rmi',
  'image import': 'import',
  'image save': 'save',
  'image load': 'load',
  'image remove': 'rmi',
  'buildx build': 'build',
  'volume list': 'volume ls',
  'volume remove': 'volume rm',
};

/**
 * Names cobra knows as aliases of a sibling command: the CLI's messages call the command by its
 * own name (`docker volume remove` complains as "docker volume rm"). The other ALIASES are commands
 * of their own in the CLI (`docker container rm`), named as typed.
 */
export const COBRA_ALIASES: Record<string, string> = {
  'container remove': 'container rm',
  'container list': 'container ls',
  'container ps': 'container ls',
  'image list': 'image ls',
  'image remove': 'image rm',
  'volume list': 'volume ls',
  'volume remove': 'volume rm',
  'network list': 'network ls',
  'network remove': 'network rm',
};

/** Real docker commands strata refuses, with the reason (docs/compat.md lists them). */
export const REFUSED: Record<string, string> = {
  push: 'there is no registry',
  login: 'there is no registry',
  network: 'only network create, ls, rm, inspect, connect, disconnect and prune are simulated',
  attach: 'attaching to a running container is not simulated',
  events: 'the event stream is not simulated',
  version: 'not yet simulated',
  swarm: 'swarm is outside the storage model',
  service: 'swarm is outside the storage model',
  plugin: 'plugins are outside the storage model',
  builder: 'the build cache is shown by docker system df and pruned by docker system prune; builder commands are not simulated',
  buildx: 'only docker build is simulated',
  search: 'there is no registry',
  logout: 'there is no registry',
  manifest: 'there is no registry',
  trust: 'there is no registry',
  context: 'strata is one engine',
  checkpoint: 'checkpoints are not simulated',
  secret: 'swarm is outside the storage model',
  config: 'swarm is outside the storage model',
  node: 'swarm is outside the storage model',
  stack: 'swarm is outside the storage model',
  'system events': 'the event stream is not simulated',
  'volume update': 'cluster volumes are outside the storage model',
  'image push': 'there is no registry',
  'container attach': 'attaching to a running container is not simulated',
};
