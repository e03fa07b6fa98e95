import { describe, expect, it } from 'vitest';
import { argCountProblem, parseArgs, type CommandSpec } from '../../src/docker/args.ts';

const run: CommandSpec = {
  path: 'run',
  args: { min: 1 },
  usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  description: '',
  interspersed: false,
  flags: [
    { long: 'detach', short: 'd', kind: 'bool', help: '' },
    { long: 'interactive', short: 'i', kind: 'bool', help: '' },
    { long: 'tty', short: 't', kind: 'bool', help: '' },
    { long: 'volume', short: 'v', kind: 'list', help: '' },
    { long: 'name', kind: 'string', help: '' },
    { long: 'network', kind: 'string', help: '', refuse: 'networking is outside the storage model' },
    { long: 'all', short: 'a', kind: 'bool', help: '', minClient: '28.2' },
  ],
};

describe('docker argument parsing (pflag rules)', () => {
  it('bundles short bools, takes values in every spelling, stops at the image', () => {
    const r = parseArgs(run, ['-it', '-v', 'a:/a', '-vb:/b', '--volume=c:/c', '--name', 'x', 'busybox', 'sh', '-c', 'echo -v']);
    expect(r).toEqual({
      ok: true,
      parsed: { flags: { interactive: true, tty: true, volume: ['a:/a', 'b:/b', 'c:/c'], name: 'x' }, args: ['busybox', 'sh', '-c', 'echo -v'] },
    });
  });

  it('says which flag is unknown, the way pflag does', () => {
    expect(parseArgs(run, ['--nope', 'busybox'])).toEqual({ ok: false, error: 'unknown flag: --nope' });
    expect(parseArgs(run, ['-dz', 'busybox'])).toEqual({ ok: false, error: "unknown shorthand flag: 'z' in -dz" });
    expect(parseArgs(run, ['--name'])).toEqual({ ok: false, error: 'flag needs an argument: --name' });
  });

  it('refuses a real docker flag strata does not simulate, by name', () => {
    expect(parseArgs(run, ['--network', 'host', 'busybox'])).toEqual({
      ok: false,
      refused: true,
      error: 'strata does not simulate `--network` (networking is outside the storage model)',
    });
  });

  it('knows flags only the newer client has', () => {
    expect(parseArgs(run, ['-a'], '20.10')).toEqual({ ok: false, error: "unknown shorthand flag: 'a' in -a" });
    expect(parseArgs(run, ['-a'], '28.2').ok).toBe(true);
  });
});

describe('argCountProblem (cobra Args checks)', () => {
  it('words each kind of check as the 20.10 and 28.2 CLIs do', () => {
    expect(argCountProblem({ min: 1 }, 0, '20.10')).toBe('requires at least 1 argument');
    expect(argCountProblem({ min: 2 }, 1, '28.2')).toBe('requires at least 2 arguments');
    expect(argCountProblem({ min: 2, max: 2 }, 3, '20.10')).toBe('requires exactly 2 arguments');
    expect(argCountProblem({ min: 1, max: 1 }, 0, '28.2')).toBe('requires 1 argument');
    expect(argCountProblem({ min: 0, max: 1 }, 2, '28.2')).toBe('requires at most 1 argument');
    expect(argCountProblem({ min: 1, max: 2 }, 3, '20.10')).toBe('requires at least 1 and at most 2 arguments');
    expect(argCountProblem({ min: 0, max: 0 }, 1, '28.2')).toBe('accepts no arguments');
  });
  it('accepts every count inside the bounds', () => {
    for (let n = 1; n <= 2; n++) expect(argCountProblem({ min: 1, max: 2 }, n, '28.2')).toBeUndefined();
    expect(argCountProblem({ min: 1 }, 50, '20.10')).toBeUndefined();
    expect(argCountProblem({ min: 0, max: 0 }, 0, '20.10')).toBeUndefined();
  });
});
