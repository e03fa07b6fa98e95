// What the Dockerfile parsers refuse before any step (src/image/build/parse-checks.ts), on the
// rules of moby/buildkit's parser (line_parsers.go parseNameVal, parser.go extractBuilderFlags,
// instructions bflag.go and parse.go) beyond what the recordings show (builds/env-arg-forms,
// builds/run-mount-options-legacy, builds/run-mount-options).

import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/image/build/dockerfile.ts';
import { AstError, argPairs, astCheck, builderFlags, instructionProblem, keyValuePairs, runFlagValues } from '../../src/image/build/parse-checks.ts';

const one = (line: string) => parseDockerfile(`${line}\n`)[0];

describe('astCheck', () => {
  it('refuses the first ENV or LABEL that mixes forms or has a name alone, naming the word Go-quoted', () => {
    const check = (text: string): string => {
      try {
        astCheck(parseDockerfile(text));
        return 'ok';
      } catch (e) {
        return e instanceof AstError ? `${e.instruction.line}: ${e.message}` : 'other';
      }
    };
    expect(check('FROM b\nENV A=1 "B\\"x"\nLABEL C\n')).toBe('2: Syntax error - can\'t find = in "\\"B\\\\\\"x\\"". Must be of the form: name=value');
    expect(check('FROM b\nLABEL C\nENV A=1 B\n')).toBe('2: LABEL must have two arguments');
    expect(check('FROM b\nENV A\tB\nENV\nARG A\nRUN A B\n')).toBe('ok');
  });
});

describe('keyValuePairs and argPairs', () => {
  it("split the old form at the first blanks (tabs too), the new form at each word's first =, keeping quotes", () => {
    expect(keyValuePairs('A \t B  C')).toEqual([['A', 'B  C']]);
    expect(keyValuePairs('A="x y"=z B=')).toEqual([['A', '"x y"=z'], ['B', '']]);
    expect(argPairs('A B=1=2 "C=3"')).toEqual([
      { name: 'A', value: undefined },
      { name: 'B', value: '1=2' },
      { name: '"C', value: '3"' },
    ]);
  });
});

describe('builderFlags', () => {
  it('takes the leading --words, quotes and escapes out, and leaves the rest as written', () => {
    expect(builderFlags('--mount="type=cache,target=/a b" --x=\'1\'\\ 2  echo  "hi"')).toEqual({ flags: ['--mount=type=cache,target=/a b', "--x=1 2"], rest: 'echo  "hi"' });
    expect(builderFlags('--a -- --b c')).toEqual({ flags: ['--a'], rest: ' --b c' });
    expect(builderFlags('-x --a')).toEqual({ flags: [], rest: '-x --a' });
    expect(builderFlags('--a --b')).toEqual({ flags: ['--a', '--b'], rest: '' });
    expect(builderFlags('--a=""')).toEqual({ flags: ['--a='], rest: '' });
  });
  it('only a word that starts with two dashes is a flag; a lone -- at the end is dropped; a backslash at the end is skipped, in quotes too', () => {
    expect(builderFlags('a--b c')).toEqual({ flags: [], rest: 'a--b c' });
    expect(builderFlags('--a --')).toEqual({ flags: ['--a'], rest: '' });
    expect(builderFlags('--a\\')).toEqual({ flags: ['--a'], rest: '' });
    expect(builderFlags('--a="x\\"y" b')).toEqual({ flags: ['--a=x"y'], rest: 'b' });
    expect(builderFlags('--a="x\\')).toEqual({ flags: ['--a=x'], rest: '' });
    expect(builderFlags('--a=\'x y\'\tb')).toEqual({ flags: ['--a=x y'], rest: 'b' });
  });
});

describe('runFlagValues', () => {
  it("knows --mount (several) and --network (once) in BuildKit, only --mount in the legacy builder's words", () => {
    expect(runFlagValues(['--mount=a', '--mount=b', '--network=none'], false)).toEqual({ mounts: ['a', 'b'], network: 'none' });
    expect(runFlagValues(['--network=none', '--network=host'], false)).toEqual({ problem: 'duplicate flag specified: network' });
    expect(runFlagValues(['--networks=none'], false)).toEqual({ problem: 'unknown flag: networks (did you mean network?)' });
    expect(runFlagValues(['--Mount=a'], false)).toEqual({ problem: 'unknown flag: Mount (did you mean mount?)' });
    expect(runFlagValues(['--network'], false)).toEqual({ problem: 'missing a value on flag: network' });
    expect(runFlagValues(['--network=none'], true)).toEqual({ problem: 'Unknown flag: network' });
    expect(runFlagValues(['--mount'], true)).toEqual({ problem: 'Missing a value on flag: mount' });
    // strings.Cut(arg[2:], "="): an empty name is unknown; --network once after --mount is fine
    expect(runFlagValues(['--=x'], true)).toEqual({ problem: 'Unknown flag: ' });
    expect(runFlagValues(['--network=none', '--mount=type=tmpfs,target=/t', '--mount='], false)).toEqual({ mounts: ['type=tmpfs,target=/t', ''], network: 'none' });
  });
});

describe('instructionProblem', () => {
  it('takes a leading --word of an instruction without flags for an unknown flag, before its own checks, in either form; ARG and STOPSIGNAL are not checked, and an exec form has no flags (recorded: builds/rw-flagless-instructions)', () => {
    for (const [line, name] of [['WORKDIR --chown=nobody /app', 'chown'], ['ENV --foo', 'foo'], ['CMD --help', 'help'], ['LABEL --x a=b', 'x'], ['ONBUILD --x RUN true', 'x']]) {
      expect(instructionProblem(one(line), true), line).toBe(`Unknown flag: ${name}`);
      expect(instructionProblem(one(line), false), line).toBe(`unknown flag: ${name}`);
    }
    for (const line of ['ARG --x=1 A=2', 'STOPSIGNAL --x SIGTERM', 'CMD ["--help"]', 'USER -- --x', 'LABEL "--x"=b']) expect(instructionProblem(one(line), false), line).toBeUndefined();
  });
  it('counts and names the arguments of ENV, LABEL and ARG; reads RUN flags and mounts per builder', () => {
    expect(instructionProblem(one('LABEL'), false)).toBe('LABEL requires at least one argument');
    expect(instructionProblem(one('LABEL a=1 =2'), true)).toBe('LABEL names can not be blank');
    expect(instructionProblem(one('ARG A =1'), false)).toBe('ARG names can not be blank');
    expect(instructionProblem(one('ARG A B=1'), false)).toBeUndefined();
    expect(instructionProblem(one('ARG'), true)).toBe('ARG requires at least one argument');
    expect(instructionProblem(one('ENV A=1 =2'), false)).toBe('ENV names can not be blank');
    expect(instructionProblem(one('ENV'), false)).toBe('ENV requires at least one argument');
    expect(instructionProblem(one('RUN ["--mount=type=cache"]'), true)).toBeUndefined();
    expect(instructionProblem(one('RUN ["--mount=x"]'), false)).toBeUndefined();
    // the legacy builder reads the whole value with the Dockerfile, BuildKit only a from with a variable
    expect(instructionProblem(one('RUN --mount=type=cache,target=/c,uid=x true'), true)).toBe('invalid value x for uid');
    expect(instructionProblem(one('RUN --mount=type=cache,target=/c,uid=x true'), false)).toBeUndefined();
    expect(instructionProblem(one('RUN --mount=type=bind,FROM=${S},target=/c true'), false)).toBe("'from' doesn't support variable expansion, define alias stage instead");
    expect(instructionProblem(one('RUN --mount=type=bind,from=a$,target=/c true'), false)).toBeUndefined();
    expect(instructionProblem(one('RUN --mount=type=tmpfs,target=/c,size=1m true'), true)).toBe("unexpected key 'size' in 'size=1m'");
    expect(instructionProblem(one('RUN --mount=type=secret,sharing=locked true'), true)).toBe('invalid cache sharing set for secret mount');
  });
});
