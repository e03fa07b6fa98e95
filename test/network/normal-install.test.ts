// What a normal install does where the oracle's bridge-less daemons (`--bridge=none`) cannot
// show it (docs/compat.md, "Where strata follows a normal install"): the default bridge network,
// addresses and published ports of containers on it, the pools user networks get, ephemeral
// host ports, host-gateway. Each expectation is the rule of the moby/libnetwork source cited.

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineName } from '../../src/engine/profile.ts';

function session(engine: EngineName) {
  let st = initialState({ engine });
  return (line: string): string => {
    const r = execute(st, line);
    st = r.state;
    return r.output + (r.exitCode === 0 ? '' : `[exit ${r.exitCode}]\n`);
  };
}

const ENGINES: EngineName[] = ['docker-20.10', 'docker-26.1'];

describe.each(ENGINES)('%s', (engine) => {
  it('has the predefined bridge, host and none networks (daemon/daemon_unix.go initBridgeDriver)', () => {
    const run = session(engine);
    expect(run("docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'")).toBe('bridge bridge local\nhost host local\nnone null local\n');
    expect(run("docker network inspect --format '{{json .IPAM.Config}} {{index .Options \"com.docker.network.bridge.name\"}}' bridge")).toBe(
      '[{"Subnet":"172.17.0.0/16","Gateway":"172.17.0.1"}] docker0\n',
    );
    expect(run('docker network rm bridge')).toMatch(/^Error response from daemon: bridge is a pre-defined network and cannot be removed\n/);
    expect(run('docker network create bridge')).toBe('Error response from daemon: operation is not permitted on predefined bridge network\n[exit 1]\n');
  });

  it("resolves a container's own name from its /etc/hosts line, as busybox hostname -i does (a trailing space)", () => {
    const run = session(engine);
    expect(run('docker run --rm -h web busybox hostname -i')).toBe('172.17.0.2 \n');
    expect(run('docker run --rm -h web --network none busybox hostname -i')).toBe('hostname: web: Host name lookup failure\n[exit 1]\n');
  });

  it('gives containers on the default bridge the lowest free address, and frees it at stop (libnetwork ipam, not serial)', () => {
    const run = session(engine);
    run('docker run -d --name ca busybox sleep 1000');
    run('docker run -d --name cb busybox sleep 1000');
    expect(run("docker inspect --format '{{.NetworkSettings.IPAddress}} {{.NetworkSettings.Gateway}} {{.NetworkSettings.MacAddress}}' ca cb")).toBe(
      '172.17.0.2 172.17.0.1 02:42:ac:11:00:02\n172.17.0.3 172.17.0.1 02:42:ac:11:00:03\n',
    );
    run('docker stop ca');
    expect(run("docker inspect --format '[{{.NetworkSettings.IPAddress}}] {{json .NetworkSettings.Ports}}' ca")).toBe('[] {}\n');
    run('docker run -d --name cc busybox sleep 1000');
    expect(run("docker inspect --format '{{.NetworkSettings.Networks.bridge.IPAddress}}' cc")).toBe('172.17.0.2\n');
    // sandbox.updateHostsFile: the address and the hostname follow the defaults.
    expect(run('docker exec cc tail -1 /etc/hosts')).toMatch(/^172\.17\.0\.2\t[0-9a-f]{12}\n$/);
  });

  it('publishes ports on 0.0.0.0 and :: (bridge allocatePorts), shown per CLI by docker ps and docker port', () => {
    const run = session(engine);
    run('docker run -d --name web -p 8080:80 busybox sleep 1000');
    const v6 = engine === 'docker-20.10' ? ':::8080' : '[::]:8080';
    expect(run("docker ps --format '{{.Ports}}'")).toBe(`0.0.0.0:8080->80/tcp, ${v6}->80/tcp\n`);
    expect(run('docker port web')).toBe(`80/tcp -> 0.0.0.0:8080\n80/tcp -> ${v6}\n`);
    // The same host port again: the port allocator refuses it at start.
    const second = run('docker run -d --name web2 -p 8080:80 busybox sleep 1000');
    expect(second).toMatch(/driver failed programming external connectivity on endpoint web2 \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated/);
    expect(run("docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' web2")).toBe('created 128\n');
    run('docker stop web');
    expect(run('docker start web2')).toBe('web2\n');
  });

  it('hands out ephemeral host ports from 32768 (ip_local_port_range), round robin, larger container ports first', () => {
    const run = session(engine);
    run('docker run -d --name e1 -p 53 busybox sleep 1000');
    expect(run('docker port e1 53')).toMatch(/^0\.0\.0\.0:32768\n/);
    run('docker rm -f e1');
    // portallocator: the next search starts after the last port handed out, freed or not.
    run('docker run -d --name e2 -P --expose 7000 --expose 7001 busybox sleep 1000');
    expect(run('docker port e2 7001')).toMatch(/^0\.0\.0\.0:32769\n/);
    expect(run('docker port e2 7000')).toMatch(/^0\.0\.0\.0:32770\n/);
  });

  it('gives user networks the next predefined pool after 172.17 (docker0), round robin (libnetwork ipam)', () => {
    const run = session(engine);
    const subnet = (n: string) => run(`docker network inspect --format '{{(index .IPAM.Config 0).Subnet}}' ${n}`);
    run('docker network create n1');
    run('docker network create n2');
    expect(subnet('n1')).toBe('172.18.0.0/16\n');
    expect(subnet('n2')).toBe('172.19.0.0/16\n');
    run('docker network rm n1');
    run('docker network create n3');
    expect(subnet('n3')).toBe('172.20.0.0/16\n');
    expect(run('docker network create --subnet 172.17.5.0/24 clash')).toBe('Error response from daemon: Pool overlaps with other one on this address space\n[exit 1]\n');
  });

  it('resolves host-gateway to the default bridge gateway in /etc/hosts, keeping the name in ExtraHosts', () => {
    const run = session(engine);
    expect(run('docker run --rm --network none --add-host gw:host-gateway busybox tail -1 /etc/hosts')).toBe('172.17.0.1\tgw\n');
    run('docker create --name cx --add-host gw:host-gateway busybox true');
    expect(run("docker inspect --format '{{json .HostConfig.ExtraHosts}}' cx")).toBe('["gw:host-gateway"]\n');
  });

  it('renames a running container (the oracle 26.1 daemon refuses: network bridge not found)', () => {
    const run = session(engine);
    run('docker run -d --name r1 busybox sleep 1000');
    expect(run('docker rename r1 r2')).toBe('');
    expect(run("docker ps --format '{{.Names}}'")).toBe('r2\n');
  });

  it('runs a --network host container with the host name (daemon/container.go: os.Hostname())', () => {
    const run = session(engine);
    expect(run('docker run --rm --network host busybox hostname')).toBe('host\n');
    expect(run('docker run --rm --network host -h box busybox hostname')).toBe('box\n');
  });

  it('checks --cpus against the simulated host CPUs (verifyPlatformContainerResources)', () => {
    const run = session(engine);
    expect(run('docker create --cpus 3 busybox true')).toBe('Error response from daemon: Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available\n[exit 1]\n');
    expect(run('docker create --name ok --cpus 2 busybox true')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('keeps a restart policy; a container the daemon restarts is kept, and what would show it is refused (container/restart.ts)', () => {
    const run = session(engine);
    expect(run('docker run -d --name ra --restart always busybox sh -c "exit 3"')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(run('docker ps -aq')).toMatch(/^strata does not simulate the daemon restarting ra: .*\n\[exit 125\]\n$/m);
    // on the default bridge: whether it has an endpoint depends on the moment
    expect(run('docker network inspect -f "{{len .Containers}}" bridge')).toMatch(/^strata does not simulate the daemon restarting ra: /);
    expect(run('docker rm -f ra')).toBe('ra\n');
    run('docker run -d --name rb --restart always busybox sleep 1000');
    run('docker kill rb');
    expect(run("docker inspect --format '{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}} {{.HostConfig.RestartPolicy.Name}}' rb")).toBe('exited 137 0 always\n');
  });

  it('prunes the user networks no running container uses, also in docker system prune', () => {
    const run = session(engine);
    run('docker network create --subnet 10.1.0.0/16 used');
    run('docker network create --subnet 10.2.0.0/16 idle');
    run('docker run -d --name cu --network used busybox sleep 1000');
    expect(run('docker system prune -f')).toBe('Deleted Networks:\nidle\n\nTotal reclaimed space: 0B\n');
    run('docker stop cu');
    expect(run('docker network prune -f')).toBe('Deleted Networks:\nused\n\n');
  });
});

describe('docker ps --filter network (daemon/list.go: the name, or a prefix of the NetworkID)', () => {
  it('matches by network name, and by ID once the endpoint has one', () => {
    let st = initialState({ engine: 'docker-26.1' });
    const run = (line: string): string => {
      const r = execute(st, line);
      st = r.state;
      return r.output;
    };
    const id = run('docker network create --subnet 10.3.0.0/16 front').trim();
    run('docker create --name made --network front busybox true');
    run('docker run -d --name up --network front busybox sleep 1000');
    run('docker run -d --name other busybox sleep 1000');
    expect(run("docker ps -a --filter network=front --format '{{.Names}}'")).toBe('up\nmade\n');
    expect(run(`docker ps -a --filter network=${id.slice(0, 8)} --format '{{.Names}}'`)).toBe('up\n');
    expect(run("docker ps --filter network=bridge --format '{{.Names}}'")).toBe('other\n');
  });
});
