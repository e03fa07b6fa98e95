// The daemon option (src/daemon/config.ts): dockerd's flags as a scenario header or a CLI flag,
// a normal install by default. What --bridge=none does is recorded on both engines
// (test/recorded/docker-*/network/bridge-none*.scenario); here: how it is chosen and refused.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DaemonFlagError, formatDaemonFlags, NORMAL_INSTALL, parseDaemonFlags } from '../../src/daemon/config.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { execute, initialState } from '../../src/engine/engine.ts';
import { strata, tempDir } from '../cli/helpers.ts';
import { ShellSession } from '../../src/explain/shell.ts';

describe('parseDaemonFlags', () => {
  it.each(['--bridge=none', '--bridge none', '-b none', '-b=none', '  --bridge=none  '])('reads %j as pflag does', (text) => {
    expect(parseDaemonFlags(text)).toEqual({ disableBridge: true });
  });

  it('reads nothing as a normal install, and writes back what it read', () => {
    expect(parseDaemonFlags('')).toEqual(NORMAL_INSTALL);
    expect(formatDaemonFlags(NORMAL_INSTALL)).toBe('');
    expect(parseDaemonFlags(formatDaemonFlags({ disableBridge: true }))).toEqual({ disableBridge: true });
  });

  it.each([
    ['--iptables=false', 'unknown daemon flag "--iptables=false" (strata simulates: --bridge=none)'],
    ['--bridge=docker1', 'strata does not simulate --bridge=docker1 (a host bridge interface); only --bridge=none'],
    ['-b', 'flag needs an argument: -b'],
    ['none', '"none" is not a daemon flag (strata simulates: --bridge=none)'],
  ])('refuses %j by name', (text, message) => {
    expect(() => parseDaemonFlags(text)).toThrow(new DaemonFlagError(message));
  });
});

describe('# daemon: header', () => {
  it('is kept in the model; absent, the scenario has no daemon (a normal install)', () => {
    expect(parseScenario('# title: t\n# daemon: --bridge=none\n$ true\n', 't').daemon).toEqual({ disableBridge: true });
    expect(parseScenario('# title: t\n$ true\n# daemon: --bridge=none\n', 't').daemon).toBeUndefined();
  });
});

describe('the engine option', () => {
  const networks = (daemon?: { disableBridge: boolean }) =>
    execute(initialState({ engine: 'docker-26.1', daemon }), "docker network ls --format '{{.Name}}'").output;

  it('defaults to a normal install, and leaves its state as it was', () => {
    expect(networks()).toBe('bridge\nhost\nnone\n');
    expect(networks(NORMAL_INSTALL)).toBe('bridge\nhost\nnone\n');
    expect(initialState({ daemon: NORMAL_INSTALL })).toEqual(initialState());
  });

  it('--bridge=none: no bridge network, and the first user network gets docker0 pool 172.17.0.0/16', () => {
    expect(networks({ disableBridge: true })).toBe('host\nnone\n');
    let st = initialState({ engine: 'docker-20.10', daemon: { disableBridge: true } });
    st = execute(st, 'docker network create n1').state;
    expect(execute(st, "docker network inspect --format '{{(index .IPAM.Config 0).Subnet}}' n1").output).toBe('172.17.0.0/16\n');
  });
});

describe('strata --daemon and the header', () => {
  // What the oracle's daemons print: no bridge network.
  const BRIDGELESS = "$ docker network ls --format '{{.Name}}'\nhost\nnone\n";

  function file(text: string): string {
    const f = join(tempDir(), 'n.scenario');
    writeFileSync(f, text);
    return f;
  }

  it('without a header, check runs a normal install; the header or --daemon choose --bridge=none', () => {
    expect(strata('check', file(BRIDGELESS)).status).toBe(1);
    expect(strata('check', file(`# daemon: --bridge=none\n${BRIDGELESS}`)).status).toBe(0);
    expect(strata('--daemon', '--bridge=none', 'check', file(BRIDGELESS)).status).toBe(0);
    expect(strata('--daemon=-b none', 'replay', file(BRIDGELESS)).stdout).toBe(BRIDGELESS);
  });

  it('an unknown daemon flag is bad input (exit 2): on the command line, or as FILE:LINE in the header', () => {
    const r = strata('--daemon', '--iptables=false', 'check', file(BRIDGELESS));
    expect([r.status, r.stdout]).toEqual([2, expect.stringContaining('--daemon: unknown daemon flag "--iptables=false" (strata simulates: --bridge=none)')]);
    const f = file(`# title: t\n# daemon: --ip-masq=false\n${BRIDGELESS}`);
    const h = strata('check', f);
    expect([h.status, h.stdout]).toEqual([2, expect.stringContaining(`${f}:2: unknown daemon flag "--ip-masq=false"`)]);
  });

  it('--update does not write one daemon\'s outputs under another daemon\'s header', () => {
    const f = file(`# title: t\n${BRIDGELESS}`);
    const r = strata('--daemon', '--bridge=none', 'check', '--update', f);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${f}:1: the scenario's daemon is ""; write "# daemon: --bridge=none" in its header to fill it from that daemon; not written`);
  });
});

describe('every command that runs an engine takes --daemon', () => {
  const f = (): string => {
    const file = join(tempDir(), 'n.scenario');
    writeFileSync(file, "$ docker network ls --format '{{.Name}}'\n");
    return file;
  };

  it('where: a bad flag is exit 2', () => {
    const bad = strata('--daemon', '--ipv6', 'where', f(), 'c1:/');
    expect([bad.status, bad.stderr + bad.stdout]).toEqual([2, expect.stringContaining('--daemon: unknown daemon flag "--ipv6"')]);
  });

  it.each([['replay'], ['explain'], ['diagram']])('%s: the daemon decides what the commands print; a bad flag is exit 2', (cmd) => {
    const file = f();
    const normal = strata(cmd, file);
    const bridgeless = strata('--daemon', '--bridge=none', cmd, file);
    expect(normal.status).toBe(0);
    expect(bridgeless.status).toBe(0);
    if (cmd === 'replay' || cmd === 'explain') {
      expect(normal.stdout).toContain('bridge\nhost\nnone\n');
      expect(bridgeless.stdout).toContain('$ docker network ls --format \'{{.Name}}\'\nhost\nnone\n');
    }
    const bad = strata('--daemon', '--ipv6', cmd, file);
    expect([bad.status, bad.stderr + bad.stdout]).toEqual([2, expect.stringContaining('--daemon: unknown daemon flag "--ipv6"')]);
  });

  it('the shell runs on it and saves it as the header of the scenario it writes', () => {
    const shell = new ShellSession('docker-26.1', { disableBridge: true });
    shell.run("docker network ls --format '{{.Name}}'");
    const text = shell.scenarioText();
    expect(text).toContain('# daemon: --bridge=none\n');
    expect(text).toContain("$ docker network ls --format '{{.Name}}'\nhost\nnone\n");
    expect(parseScenario(text, 's').daemon).toEqual({ disableBridge: true });
  });
});
