// A service's `ports:` against compose-go v2.4.8's own test tables (types/types_test.go
// TestParsePortConfig, transform/ports_test.go, override/uncity_test.go Test_Ports*Unicity,
// loader/loader_test.go TestLoadExpandedPortFormat), and what compose makes of them on a normal
// install (pkg/compose/create.go buildContainerPortBindingOptions; run.go's --service-ports).

import { describe, expect, it } from 'vitest';
import { parsePortConfig, portDefaults, type PortConfig } from '../../src/compose/model/ports.ts';
import { ComposeUnsupported, loadProject, type HostFiles } from '../../src/compose/model/load.ts';
import { enforceUnicity } from '../../src/compose/model/canonical.ts';
import { ComposeFileError } from '../../src/compose/model/interpolate.ts';
import { parseYamlDocuments, type YamlMap } from '../../src/compose/yaml.ts';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';

const ingress = (c: Omit<PortConfig, 'mode'>): PortConfig => ({ mode: 'ingress', ...c });

describe('types.ParsePortConfig (TestParsePortConfig)', () => {
  const ok: [string, PortConfig[]][] = [
    ['80', [ingress({ protocol: 'tcp', target: 80 })]],
    ['80:8080', [ingress({ protocol: 'tcp', target: 8080, published: '80' })]],
    ['80-90:8080', [ingress({ protocol: 'tcp', target: 8080, published: '80-90' })]],
    ['8080:80/tcp', [ingress({ protocol: 'tcp', target: 80, published: '8080' })]],
    ['80:8080/udp', [ingress({ protocol: 'udp', target: 8080, published: '80' })]],
    ['80-81:8080-8081/tcp', [ingress({ protocol: 'tcp', target: 8080, published: '80' }), ingress({ protocol: 'tcp', target: 8081, published: '81' })]],
    [
      '80-82:8080-8082/udp',
      [ingress({ protocol: 'udp', target: 8080, published: '80' }), ingress({ protocol: 'udp', target: 8081, published: '81' }), ingress({ protocol: 'udp', target: 8082, published: '82' })],
    ],
    ['80-82:8080/udp', [ingress({ protocol: 'udp', target: 8080, published: '80-82' })]],
    ['80-80:8080/tcp', [ingress({ protocol: 'tcp', target: 8080, published: '80' })]],
    ['1.1.1.1:80:80', [ingress({ host_ip: '1.1.1.1', protocol: 'tcp', target: 80, published: '80' })]],
  ];
  for (const [value, expected] of ok) {
    it(value, () => {
      const got = parsePortConfig(value);
      expect(got).toHaveLength(expected.length);
      for (const e of expected) expect(got).toContainEqual(e);
    });
  }
  const bad: [string, string][] = [
    ['9999999', 'Invalid containerPort: 9999999'],
    ['80/xyz', 'Invalid proto: xyz'],
    ['tcp', 'Invalid containerPort: tcp'],
    ['udp', 'Invalid containerPort: udp'],
    ['', 'No port specified: <empty>'],
  ];
  for (const [value, error] of bad) it(`${JSON.stringify(value)}: ${error}`, () => expect(parsePortConfig(value)).toBe(error));

  it('keeps the order of the sorted map keys (strings: 10/tcp before 8/tcp) and lowers the protocol', () => {
    expect((parsePortConfig('8-10:8-10') as PortConfig[]).map((c) => c.target)).toEqual([10, 8, 9]);
    expect(parsePortConfig('7000:70/SCTP')).toEqual([ingress({ target: 70, protocol: 'sctp', published: '7000' })]);
  });
});

describe('portDefaults (Test_portDefaults)', () => {
  it('adds tcp and ingress to a long-syntax entry, nothing else', () => {
    const m = parseYamlDocuments('target: 80\npublished: 8080\n')[0] as YamlMap;
    expect(portDefaults(m)).toEqual({ target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' });
    const given = parseYamlDocuments('target: 80\nprotocol: udp\nmode: host\n')[0] as YamlMap;
    expect(portDefaults(given)).toEqual({ target: 80, protocol: 'udp', mode: 'host' });
  });
});

describe('EnforceUnicity on ports (Test_PortsShortUnicity, Test_PortsLongtUnicity)', () => {
  const uniq = (before: string, after: string) => expect(enforceUnicity(parseYamlDocuments(before)[0])).toEqual(parseYamlDocuments(after)[0]);
  it('short syntax: the same string twice is one entry', () => {
    uniq(
      'services:\n  test:\n    image: foo\n    ports:\n      - "9080:80"\n      - "9081:81"\n      - "9080:80"\n      - "5000"\n      - "6060:6060/udp"\n      - "9080:6060/udp"\n',
      'services:\n  test:\n    image: foo\n    ports:\n      - "9080:80"\n      - "9081:81"\n      - "5000"\n      - "6060:6060/udp"\n      - "9080:6060/udp"\n',
    );
  });
  it('long syntax: host IP, published port, target and protocol make the key', () => {
    const entry = (t: number, ip: string | undefined, extra = '') => `      - target: ${t}\n${ip ? `        host_ip: ${ip}\n` : ''}        published: "8080"\n        protocol: tcp\n${extra}`;
    const head = 'services:\n  test:\n    image: foo\n    ports:\n';
    uniq(
      head + entry(80, '127.0.0.1', '        mode: host\n') + entry(81, undefined) + entry(80, '127.0.0.2') + entry(81, undefined),
      head + entry(80, '127.0.0.1', '        mode: host\n') + entry(81, undefined) + entry(80, '127.0.0.2'),
    );
  });
  it('an entry without a target is an error naming it', () => {
    expect(() => enforceUnicity(parseYamlDocuments('services:\n  web:\n    ports:\n      - published: 8080\n')[0])).toThrow(
      new ComposeFileError('service ports services.web.ports.[0] is missing a target port'),
    );
  });
});

function load(yaml: string, interpolate = true) {
  const host: HostFiles = { read: (p) => (p === '/w/compose.yaml' ? yaml : undefined), kind: (p) => (p === '/w/compose.yaml' ? 'file' : p === '/w' ? 'dir' : undefined) };
  return loadProject({ host, cwd: '/w', env: {}, files: [], envFiles: [], profiles: [], projectName: 'demo', interpolate }, []);
}

describe('loading ports', () => {
  it('TestLoadExpandedPortFormat: short and long entries as ServicePortConfig', () => {
    const p = load(
      'services:\n  web:\n    image: busybox\n    ports:\n      - "80-82:8080-8082"\n      - "90-92:8090-8092/udp"\n      - "85:8500"\n      - 8600\n' +
        '      - protocol: udp\n        target: 53\n        published: 10053\n      - mode: host\n        target: 22\n        published: 10022\n',
    );
    const t = (target: number, published: string | undefined, protocol: string, mode = 'ingress'): PortConfig => ({ mode, target, ...(published ? { published } : {}), protocol });
    expect(p.services.web.ports).toEqual([
      t(8080, '80', 'tcp'),
      t(8081, '81', 'tcp'),
      t(8082, '82', 'tcp'),
      t(8090, '90', 'udp'),
      t(8091, '91', 'udp'),
      t(8092, '92', 'udp'),
      t(8500, '85', 'tcp'),
      t(8600, undefined, 'tcp'),
      t(53, '10053', 'udp'),
      t(22, '10022', 'tcp', 'host'),
    ]);
  });
  it('Test_transformPorts: a bad short entry is nat\'s error; left uninterpolated it is kept, which strata refuses by name', () => {
    const yaml = 'services:\n  web:\n    image: busybox\n    ports:\n      - "127.0.1:8080:80"\n';
    expect(() => load(yaml)).toThrow(new ComposeFileError('Invalid ip address: 127.0.1'));
    expect(() => load(yaml, false)).toThrow(ComposeUnsupported);
    expect(() => load('services:\n  web:\n    image: busybox\n    ports:\n      - 1.5\n')).toThrow(new ComposeFileError('services.web.ports: invalid type float64 for port'));
  });
});

describe('compose up with ports on a normal install', () => {
  function run(st: EngineState, line: string): { st: EngineState; output: string; exitCode: number } {
    const r = execute(st, line);
    return { st: r.state, output: r.output, exitCode: r.exitCode };
  }
  it('an entry without a published port takes an ephemeral one on 0.0.0.0 and ::; run publishes only with --service-ports', () => {
    let st = initialState({ engine: 'docker-26.1' });
    st = run(st, "printf 'services:\\n  web:\\n    image: busybox\\n    command: sleep 1000\\n    ports:\\n      - 80\\n' > compose.yaml").st;
    st = run(st, 'docker compose -p demo --progress quiet up -d').st;
    expect(run(st, 'docker port demo-web-1').output).toBe('80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n');
    expect(run(st, "docker compose -p demo ps --format '{{.Ports}}'").output).toBe('0.0.0.0:32768->80/tcp, :::32768->80/tcp\n');
    st = run(st, 'docker compose -p demo run -d --name plain web sleep 1000').st;
    expect(run(st, "docker inspect --format '{{json .HostConfig.PortBindings}} {{json .Config.ExposedPorts}}' plain").output).toBe('{} null\n');
    st = run(st, 'docker compose -p demo run -d --service-ports --name published web sleep 1000').st;
    expect(run(st, "docker inspect --format '{{json .HostConfig.PortBindings}}' published").output).toBe('{"80/tcp":[{"HostIp":"","HostPort":""}]}\n');
    expect(run(st, 'docker compose -p demo port --index 1 web 80').output).toBe('0.0.0.0:32768\n');
  });
  it('an `expose` entry without a protocol and a published port of the same number are one port (nat reads `80` as `80/tcp`)', () => {
    let st = initialState({ engine: 'docker-26.1' });
    st = run(st, "printf 'services:\\n  web:\\n    image: busybox\\n    command: sleep 1000\\n    expose: [\"80\", \"90\"]\\n    ports: [\"127.0.0.1:8080:80\"]\\n' > compose.yaml").st;
    st = run(st, 'docker compose -p demo --progress quiet up -d').st;
    expect(run(st, "docker inspect --format '{{json .Config.ExposedPorts}} {{json .NetworkSettings.Ports}}' demo-web-1").output).toBe(
      '{"80":{},"80/tcp":{},"90":{}} {"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}],"90/tcp":null}\n',
    );
    expect(run(st, "docker ps --format '{{.Ports}}'").output).toBe('90/tcp, 127.0.0.1:8080->80/tcp\n');
    expect(run(st, "docker compose -p demo ps --format '{{json .Publishers}}'").output).toBe(
      '[{"URL":"127.0.0.1","TargetPort":80,"PublishedPort":8080,"Protocol":"tcp"},{"URL":"","TargetPort":90,"PublishedPort":0,"Protocol":"tcp"}]\n',
    );
  });

  it('network_mode: bridge publishes on a normal install, nothing on the oracle\'s --bridge=none daemon', () => {
    const file = "printf 'services:\\n  web:\\n    image: busybox\\n    command: sleep 1000\\n    network_mode: bridge\\n    ports:\\n      - \"8080:80\"\\n' > compose.yaml";
    const ports = (daemon?: string) => {
      let st = initialState({ engine: 'docker-26.1', ...(daemon ? { daemon: parseDaemonFlags(daemon) } : {}) });
      st = run(st, file).st;
      st = run(st, 'docker compose -p demo --progress quiet up -d').st;
      return run(st, "docker compose -p demo ps --format '{{.Ports}}'").output;
    };
    expect(ports()).toBe('0.0.0.0:8080->80/tcp, :::8080->80/tcp\n');
    expect(ports('--bridge=none')).toBe('\n');
  });
  it('refuses ports on a service sharing another\'s network (network_mode: service:X) before creating anything', () => {
    let st = initialState({ engine: 'docker-26.1' });
    st = run(st, "printf 'services:\\n  db:\\n    image: busybox\\n  web:\\n    image: busybox\\n    network_mode: service:db\\n    ports: [\"80\"]\\n' > compose.yaml").st;
    const r = run(st, 'docker compose -p demo up -d');
    expect(r).toMatchObject({ exitCode: 125, output: 'strata does not simulate `ports` or `expose` on a service with `network_mode: service:db`\n' });
    expect(run(r.st, 'docker ps -aq').output).toBe('');
  });
});
