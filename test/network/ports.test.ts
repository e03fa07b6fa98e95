// Port specifications and their display, against docker/cli's and go-connections' own rules:
// nat.ParsePortSpec (vendor/github.com/docker/go-connections/nat/nat.go, both CLIs' versions),
// cli/command/formatter/container.go DisplayablePorts (cases from its container_test.go).

import { describe, expect, it } from 'vitest';
import { displayablePorts, joinHostPort, parseExpose, parsePortSpec, standardNotation, type ApiPort } from '../../src/network/ports.ts';

describe('nat.ParsePortSpec', () => {
  it('expands ranges and keeps the host IP and port as given', () => {
    expect(parsePortSpec('127.0.0.1:7000-7001:7000-7001/udp', '28.2')).toEqual([
      { port: '7000/udp', binding: { HostIp: '127.0.0.1', HostPort: '7000' } },
      { port: '7001/udp', binding: { HostIp: '127.0.0.1', HostPort: '7001' } },
    ]);
    expect(parsePortSpec('80', '28.2')).toEqual([{ port: '80/tcp', binding: { HostIp: '', HostPort: '' } }]);
    expect(parsePortSpec(':80', '28.2')).toEqual([{ port: '80/tcp', binding: { HostIp: '', HostPort: '' } }]);
  });
  it('a host range with one container port is the range to allocate from', () => {
    expect(parsePortSpec('8000-8010:80', '20.10')).toEqual([{ port: '80/tcp', binding: { HostIp: '', HostPort: '8000-8010' } }]);
  });
  it('strips the brackets of an IPv6 host address', () => {
    expect(parsePortSpec('[::1]:8080:80', '28.2')).toEqual([{ port: '80/tcp', binding: { HostIp: '::1', HostPort: '8080' } }]);
    expect(parsePortSpec('[::1]:8080:80', '20.10')).toEqual([{ port: '80/tcp', binding: { HostIp: '::1', HostPort: '8080' } }]);
  });
  it("words its errors as each CLI's nat does (20.10 capitalized)", () => {
    expect(parsePortSpec('99999:80', '20.10')).toBe('Invalid hostPort: 99999');
    expect(parsePortSpec('99999:80', '28.2')).toBe('invalid hostPort: 99999');
    expect(parsePortSpec('abc', '28.2')).toBe('invalid containerPort: abc');
    expect(parsePortSpec('80/sctp2', '20.10')).toBe('Invalid proto: sctp2');
    expect(parsePortSpec('1.2.3:80:80', '20.10')).toBe('Invalid ip address: 1.2.3');
    expect(parsePortSpec('1.2.3:80:80', '28.2')).toBe('invalid IP address: 1.2.3');
    expect(parsePortSpec('8000-8001:80-82', '28.2')).toBe('invalid ranges specified for container and host Ports: 80-82 and 8000-8001');
    expect(parsePortSpec('80:', '20.10')).toBe('No port specified: 80:<empty>');
    // The 20.10 nat runs net.SplitHostPort on every host address.
    expect(parsePortSpec('::1:80:80', '20.10')).toBe('Invalid ip address ::1: address ::1:: too many colons in address');
  });
  it('the long --publish syntax becomes the short one (convertToStandardNotation)', () => {
    expect(standardNotation('published=8080,target=80,protocol=udp')).toBe('8080:80/udp');
    expect(standardNotation('target=80')).toBe(':80/tcp');
    expect(standardNotation('published=1,bad')).toEqual({ error: "invalid publish opts format (should be name=value but got 'bad')" });
  });
  it('--expose takes ports and ranges, never a mapping', () => {
    expect(parseExpose('3000-3002/udp', '28.2')).toEqual(['3000/udp', '3001/udp', '3002/udp']);
    expect(parseExpose('80:90', '28.2')).toBe('invalid port format for --expose: 80:90');
    expect(parseExpose('abc', '20.10')).toBe('invalid range format for --expose: abc, error: strconv.ParseUint: parsing "abc": invalid syntax');
  });
});

describe('DisplayablePorts (docker/cli formatter container_test.go TestDisplayablePorts)', () => {
  const p = (privatePort: number, type: string, ip = '', publicPort = 0): ApiPort => ({ ip, privatePort, publicPort, type });
  const cases: [ApiPort[], string][] = [
    [[p(9988, 'tcp')], '9988/tcp'],
    [[p(9988, 'tcp', '0.0.0.0')], '0.0.0.0:0->9988/tcp'],
    [[p(9988, 'tcp', '::')], '[::]:0->9988/tcp'],
    [[p(9988, 'tcp', '', 8899)], '9988/tcp'],
    [[p(9988, 'tcp', '4.3.2.1', 8899)], '4.3.2.1:8899->9988/tcp'],
    [[p(9988, 'tcp', '::1', 9988)], '[::1]:9988->9988/tcp'],
    [[p(9988, 'udp'), p(9988, 'udp')], '9988/udp, 9988/udp'],
    [[p(9998, 'udp', '1.2.3.4', 9998), p(9999, 'udp', '1.2.3.4', 9999)], '1.2.3.4:9998-9999->9998-9999/udp'],
    [[p(9998, 'udp', '1.2.3.4', 8887), p(9999, 'udp', '1.2.3.4', 8888)], '1.2.3.4:8887->9998/udp, 1.2.3.4:8888->9999/udp'],
    [[p(9998, 'udp'), p(9999, 'udp')], '9998-9999/udp'],
    [[p(6677, 'tcp', '1.2.3.4', 7766), p(9988, 'udp', '', 8899)], '9988/udp, 1.2.3.4:7766->6677/tcp'],
    [
      [p(9988, 'udp', '1.2.3.4', 8899), p(9988, 'tcp', '1.2.3.4', 8899), p(2233, 'tcp', '4.3.2.1', 3322), p(2233, 'tcp', '::1', 3322)],
      '4.3.2.1:3322->2233/tcp, [::1]:3322->2233/tcp, 1.2.3.4:8899->9988/tcp, 1.2.3.4:8899->9988/udp',
    ],
  ];
  it.each(cases)('%j → %s (28.2)', (ports, expected) => {
    expect(displayablePorts(ports, '28.2')).toBe(expected);
  });
  it('the 20.10 CLI joins host and port without brackets (formatter.go: "%s:%d->%d/%s")', () => {
    expect(displayablePorts([p(80, 'tcp', '0.0.0.0', 8080), p(80, 'tcp', '::', 8080)], '20.10')).toBe('0.0.0.0:8080->80/tcp, :::8080->80/tcp');
    expect(displayablePorts([p(80, 'tcp', '0.0.0.0', 8080), p(80, 'tcp', '::', 8080)], '28.2')).toBe('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp');
    expect(joinHostPort('::', 8080, '20.10')).toBe(':::8080');
    expect(joinHostPort('::', 8080, '28.2')).toBe('[::]:8080');
  });
});
