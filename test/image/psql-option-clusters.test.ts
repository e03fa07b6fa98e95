// psql parses its options with getopt_long (parse_psql_options in PostgreSQL's
// src/bin/psql/startup.c, optstring "aAbc:d:eEf:F:h:HlL:no:p:P:qR:sStT:U:vVwWxXz?01"): letters
// of one word are options one after the other until one that takes an argument, which takes the
// rest of the word or else the next one. So a cluster means what its letters written apart mean;
// docs pages write `psql -tAc 'SELECT ...'` and `psql -Upostgres` as often as the long forms.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

function server(): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1' });
  expect(d.run('docker pull -q postgres:16').exitCode).toBe(0);
  expect(d.run('docker run -d --name db -e POSTGRES_PASSWORD=pw postgres:16').exitCode).toBe(0);
  expect(d.run(`docker exec db psql -U postgres -c 'CREATE TABLE t(x int)'`).exitCode).toBe(0);
  expect(d.run(`docker exec db psql -U postgres -c 'INSERT INTO t VALUES (1),(2)'`).exitCode).toBe(0);
  return d;
}

// [cluster, the same options written apart]
const SAME: readonly [string, string][] = [
  [`-tAc 'SELECT count(*) FROM t'`, `-t -A -c 'SELECT count(*) FROM t'`],
  [`-Atc 'SELECT x FROM t'`, `-A -t -c 'SELECT x FROM t'`],
  [`-qtAX -c 'SELECT 1'`, `-q -t -A -X -c 'SELECT 1'`],
  [`-c'SELECT x FROM t'`, `-c 'SELECT x FROM t'`],
  [`-tc'SELECT x FROM t'`, `-t -c 'SELECT x FROM t'`],
  [`-p5432 -c 'SELECT 1'`, `-p 5432 -c 'SELECT 1'`],
  [`-hlocalhost -c 'SELECT 1'`, `-h localhost -c 'SELECT 1'`],
  [`-vON_ERROR_STOP=1 -c 'SELECT 1'`, `-v ON_ERROR_STOP=1 -c 'SELECT 1'`],
];

describe('psql option clusters in the postgres stand-in', () => {
  const d = server();

  it.each(SAME)('%s is %s', (cluster, apart) => {
    const a = d.run(`docker exec db psql -U postgres ${cluster}`);
    const b = d.run(`docker exec db psql -U postgres ${apart}`);
    expect(b.exitCode).toBe(0);
    expect([a.output, a.exitCode]).toEqual([b.output, b.exitCode]);
  });

  it('tuples-only and unaligned together print the bare values, one per line', () => {
    const r = d.run(`docker exec db psql -U postgres -tAc 'SELECT x FROM t ORDER BY x'`);
    expect([r.output, r.exitCode]).toEqual(['1\n2\n', 0]);
  });

  it('an option strata does not simulate is refused by name inside a cluster too', () => {
    const apart = d.run(`docker exec db psql -U postgres -t -x -c 'SELECT 1'`);
    const cluster = d.run(`docker exec db psql -U postgres -tx -c 'SELECT 1'`);
    expect(apart.output).toContain('option -x is not simulated');
    expect([cluster.output, cluster.exitCode]).toEqual([apart.output, apart.exitCode]);
  });
});
