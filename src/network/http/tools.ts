// The HTTP clients as the shells find them: the host's curl and wget (engine.ts), busybox's wget
// in a container's processes (container/lifecycle.ts), each connecting from where it runs.

import type { Container, EngineState } from '../../engine/state.ts';
import type { Applet } from '../../shell/types.ts';
import { busyboxWget, curl, gnuWget } from './clients.ts';
import { connect } from './web.ts';

/** curl and wget on the host: connections from the host. */
export function hostWebApplets(st: EngineState): (name: string) => Applet | undefined {
  const dial = (host: string, port: number) => connect(st, { kind: 'host' }, host, port);
  return (name) => (name === 'curl' ? curl(dial) : name === 'wget' ? gnuWget(dial) : undefined);
}

/** busybox wget in container `c`: connections from its network namespace. */
export function containerWebApplets(st: EngineState, c: Container): (name: string) => Applet | undefined {
  const dial = (host: string, port: number) => connect(st, { kind: 'container', container: c }, host, port);
  return (name) => (name === 'wget' ? busyboxWget(dial) : undefined);
}
