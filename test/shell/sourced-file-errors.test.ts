// An error on a line of a sourced file names the file, as `.` was given it, and the line in it
// (src/shell/interpreter.ts prefix): bash `FILE: line N: ` for the file's own lines, busybox
// `sh: FILE: line N: `; dash `sh: N: FILE: ` (dash 0.5.12 error.c exvwarning2, commandname).
// Each script runs in strata and in the real shell; dash's line was printed by this host's dash.
import { describe, expect, it } from 'vitest';
import { describeAgainstReal } from './differential/against-real.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const SCRIPTS = [
  'printf "true\\nnope\\n" > s.sh; . ./s.sh; echo st $?',
  'printf "true\\nnope\\n" > s.sh; f() { . ./s.sh; }; f; echo st $?',
  'printf "echo \\$((1+))\\necho in-src\\n" > s.sh; . ./s.sh; echo same $?',
  'printf "cat /nonexistent\\n" > s.sh; . ./s.sh; echo st $?',
  'printf "true\\n\\nls /nope\\n" > s.sh; . ./s.sh 2>&1; echo st $?',
  'printf "x=\\${y?unset here}\\necho no\\n" > s.sh; . ./s.sh; echo st $?',
  'printf "true\\n(nope)\\n" > s.sh; . ./s.sh; nope; echo st $?',
];

// bash names the file a function was defined in, with the line in it, wherever it is called
const FUNCTIONS = [
  'printf "f() {\\n  cd /nope\\n  nosuch\\n}\\n" > lib.sh; . ./lib.sh; f; echo after $?',
  'printf "f() {\\n  cd /nope\\n}\\n" > lib.sh; . ./lib.sh\nf\ng() { . ./lib.sh; f; }; g',
  'printf "f() {\\n  nosuch\\n}\\nf\\n" > lib.sh; . ./lib.sh; f',
  'g() { nosuch; }; printf "g\\n" > lib.sh; . ./lib.sh',
  'printf "h() { nosuch; }\\n" > lib.sh; printf ". ./lib.sh\\nh\\n" > m.sh; . ./m.sh; h',
  'printf "f() {\\n\\n  cat < nope\\n}\\n" > lib.sh; . ./lib.sh; f; eval f; ( f ); echo $(f)',
  'printf "f() { g; }\\n" > lib.sh; g() { nosuch; }; . ./lib.sh; f',
  'printf "f() { nosuch; }\\n" > lib.sh; printf ". ./lib.sh\\nf\\n" > m.sh; bash m.sh; bash -c ". ./lib.sh; f"',
];

describeAgainstReal('gnu', 'errors in a sourced file in bash', [...SCRIPTS, ...FUNCTIONS]);
describeAgainstReal('busybox', 'errors in a sourced file in busybox sh', SCRIPTS);

describe('errors in a sourced file in dash', () => {
  it('name the line, then the file', () => {
    const text = `# images: debian:bookworm
$ docker run --rm debian:bookworm sh -c 'printf "true\\nnope\\n" > /tmp/s.sh; . /tmp/s.sh; echo st $?; nope'
sh: 2: /tmp/s.sh: nope: not found
st 127
sh: 1: nope: not found
[exit 127]
`;
    expect(checkScenario(parseScenario(text, 't.scenario'), new SimulatedDocker({ busyboxStandIns: false })).diff).toBe('');
  });
});
