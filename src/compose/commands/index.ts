// Every `docker compose` subcommand of Compose 2.26.1 (`docker compose --help`), simulated or
// refused with the reason (docs/compat.md lists them).

import type { Subcommand } from './command.ts';
import { createCommand, upCommand } from './up.ts';
import { downCommand } from './down.ts';
import { restartCommand, startCommand, stopCommand } from './lifecycle.ts';
import { rmCommand } from './rm.ts';
import { runCommand } from './run.ts';
import { execCommand } from './exec.ts';
import { psCommand } from './ps.ts';
import { lsCommand } from './ls.ts';
import { configCommand } from './config.ts';
import { buildCommand } from './build.ts';
import { cpCommand } from './cp.ts';
import { versionCommand } from './version.ts';
import { killCommand } from './kill.ts';
import { logsCommand } from './logs.ts';
import { portCommand } from './port.ts';
import { imagesCommand } from './images.ts';
import { pauseCommand, unpauseCommand } from './pause.ts';
import { scaleCommand } from './scale.ts';
import { waitCommand } from './wait.ts';
import { pullCommand } from './pull.ts';

export const SUBCOMMANDS: Record<string, Subcommand> = {
  up: upCommand,
  create: createCommand,
  down: downCommand,
  stop: stopCommand,
  start: startCommand,
  restart: restartCommand,
  rm: rmCommand,
  run: runCommand,
  exec: execCommand,
  ps: psCommand,
  ls: lsCommand,
  config: configCommand,
  convert: configCommand,
  build: buildCommand,
  cp: cpCommand,
  version: versionCommand,
  attach: { refused: 'attaching to a running container is not simulated' },
  events: { refused: 'the event stream is not simulated' },
  images: imagesCommand,
  kill: killCommand,
  logs: logsCommand,
  pause: pauseCommand,
  unpause: unpauseCommand,
  port: portCommand,
  pull: pullCommand,
  push: { refused: 'there is no registry' },
  scale: scaleCommand,
  stats: { refused: 'resource usage is not simulated' },
  top: { refused: 'processes are not simulated' },
  wait: waitCommand,
  watch: { refused: 'file watching is not simulated' },
};
