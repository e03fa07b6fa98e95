// A container's /proc/sys (src/container/proc-sys.ts): the UTS names of kernel/utsname_sysctl.c
// (hostname, domainname, ostype, osrelease, version) are simulated, agreeing with the container's
// --hostname/--domainname and with uname; /proc/sys is mounted read-only (moby oci/defaults.go
// ReadonlyPaths); procfs files have no size; every other setting, and any listing, is the host
// kernel's and refused by name. Ground truth: test/recorded/docker-*/proc-sys/kernel-uts.scenario
// and the raw listing of test/recorded/proc-sys/ (record.sh).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineName } from '../../src/engine/profile.ts';
import { UTS_SYSCTLS } from '../../src/container/proc-sys.ts';
import { expectRecordingFile } from './recorded.ts';

const ENGINES: EngineName[] = ['docker-20.10', 'docker-26.1'];
/** The engines whose oracle recorded proc-sys. */
const RECORDED: EngineName[] = ['docker-20.10', 'docker-26.1'];

function run(engine: EngineName, line: string): { output: string; exitCode: number } {
  const r = execute(initialState({ engine, oracleBase: true }), line);
  return { output: r.output, exitCode: r.exitCode };
}

/** The oracle's raw transcript of listing.cases on `engine`: each command line and what it printed. */
function rawListing(engine: EngineName): Map<string, string[]> {
  const text = readFileSync(join(import.meta.dirname, '..', 'recorded', 'proc-sys', `${engine}.txt`), 'utf8');
  const steps = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) steps.set(line, (current = []));
    else if (current && line !== '') current.push(line);
  }
  return steps;
}

describe('the recordings', () => {
  for (const engine of RECORDED) {
    it(`${engine}: proc-sys/kernel-uts replays`, () => {
      expectRecordingFile(engine, 'proc-sys/kernel-uts');
    });
  }
});

describe('the UTS names agree with the container and with uname', () => {
  for (const engine of ENGINES) {
    for (const [host, domain] of [['web', 'example.com'], ['db.internal', ''], ['x1', 'a.b.c']]) {
      it(`${engine}: --hostname ${host}${domain ? ` --domainname ${domain}` : ''}`, () => {
        const r = run(
          engine,
          `docker run --rm --hostname ${host}${domain ? ` --domainname ${domain}` : ''} busybox sh -c 'cd /proc/sys/kernel; cat hostname domainname ostype osrelease version; uname -n; uname -s; uname -r; uname -v'`,
        );
        expect(r.exitCode).toBe(0);
        const [hostname, domainname, ostype, osrelease, version, n, s, release, v] = r.output.split('\n');
        expect(hostname).toBe(host);
        expect(domainname).toBe(domain || '(none)');
        expect([hostname, ostype, osrelease, version]).toEqual([n, s, release, v]);
      });
    }
  }
});

describe('read-only, sizeless', () => {
  for (const engine of ENGINES) {
    it(`${engine}: a write to any UTS name fails with EROFS and changes nothing; stat says 0 bytes`, () => {
      for (const name of UTS_SYSCTLS) {
        const r = run(engine, `docker run --rm --hostname h busybox sh -c 'before=$(cat /proc/sys/kernel/${name}); echo x > /proc/sys/kernel/${name}; [ "$(cat /proc/sys/kernel/${name})" = "$before" ] && echo kept; stat -c %s /proc/sys/kernel/${name}; test -s /proc/sys/kernel/${name} || echo empty'`);
        expect(r.output).toContain(`can't create /proc/sys/kernel/${name}: Read-only file system`);
        expect(r.output).toContain('kept\n0\nempty\n');
      }
    });
  }
});

describe('the host kernel’s settings are refused by name', () => {
  for (const engine of ENGINES) {
    it(`${engine}: listings, other settings and copies`, () => {
      for (const line of ['ls /proc/sys/kernel', 'ls /proc/sys', 'cat /proc/sys/kernel/pid_max', 'cat /proc/sys/vm/overcommit_memory', 'cp -r /proc/sys/kernel /tmp/k', 'find /proc/sys -name hostname']) {
        const r = run(engine, `docker run --rm busybox ${line}`);
        expect(r.exitCode, line).toBe(125);
        expect(r.output, line).toMatch(/^strata does not simulate .*\/proc\/sys/);
      }
    });
  }
  for (const engine of RECORDED) {
    it(`${engine}: the real kernel lists far more than the simulated names, and holds each of them`, () => {
      const raw = rawListing(engine);
      const first = [...raw.entries()].find(([cmd]) => cmd.includes('composeup-l1'))![1];
      // ls /proc/sys, then the count of /proc/sys/kernel's names, then pid_max
      const count = Number(first[first.indexOf('vm') + 1]);
      expect(count).toBeGreaterThan(UTS_SYSCTLS.length * 10);
      const names = [...raw.entries()].find(([cmd]) => cmd.includes('composeup-l2'))![1].join(' ').trim().split(' ');
      expect(names.length).toBe(count);
      for (const n of UTS_SYSCTLS) expect(names).toContain(n);
    });
  }
});
