// kill: signal names and numbers, and sending signals in a process model without a process table.
//
// The shell delivers the signal (AppletContext.sendSignal): the only process a script can name is
// PID 1 (`$$` is 1: the shell a container starts is its PID 1, and a PID 1 without handlers
// ignores every signal sent from inside its PID namespace, SIGKILL included), so `kill -9 $$`
// changes nothing and succeeds; every other PID is "No such process". Wording: busybox ash's builtin and busybox's kill applet (one implementation, the
// builtin prefixes `sh: `), and bash's builtin on the host.

import type { Applet, AppletContext } from '../types.ts';

/** Signal names 1..31 as busybox prints them (`kill -l`). */
export const BUSYBOX_SIGNALS = [
  'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM',
  'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'POLL',
  'PWR', 'SYS',
];

/** bash's names: SIGIO for 29, and the real-time signals 34..64 (32 and 33 are glibc's own). */
function bashSignals(): Map<number, string> {
  const m = new Map<number, string>();
  BUSYBOX_SIGNALS.forEach((n, i) => m.set(i + 1, n === 'POLL' ? 'IO' : n));
  for (let n = 34; n <= 64; n++) m.set(n, n === 34 ? 'RTMIN' : n <= 49 ? `RTMIN+${n - 34}` : n === 64 ? 'RTMAX' : `RTMAX-${64 - n}`);
  return m;
}

/** The signal name (`TERM`, `EXIT` for 0) of NAME / SIGNAME / a number, as `trap` takes them. */
export function trapSignalName(spec: string): string | undefined {
  const names = new Map(BUSYBOX_SIGNALS.map((n, i) => [i + 1, n] as [number, string]));
  const n = signalNumber(spec, names);
  if (n === undefined) return spec.toUpperCase().replace(/^SIG/, '') === 'EXIT' ? 'EXIT' : undefined;
  return n === 0 ? 'EXIT' : names.get(n);
}

/** The signal number of NAME / SIGNAME / a number, or undefined. */
function signalNumber(spec: string, names: Map<number, string>): number | undefined {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return n === 0 || names.has(n) ? n : undefined;
  }
  const up = spec.toUpperCase().replace(/^SIG/, '');
  for (const [n, name] of names) if (name === up) return n;
  // aliases both shells accept
  if (up === 'IOT') return 6;
  if (up === 'CLD') return 17;
  if (up === 'IO' || up === 'POLL') return 29;
  return undefined;
}

export const kill: Applet = (ctx, args) => {
  const gnu = ctx.flavor === 'gnu';
  const names = gnu ? bashSignals() : new Map(BUSYBOX_SIGNALS.map((n, i) => [i + 1, n] as const));
  // busybox: `sh: MSG` as a builtin, `kill: MSG` as a program; bash: `bash: line N: kill: MSG`
  const fail = (msg: string): void => {
    const b = ctx.builtin;
    ctx.stderr(b ? `${b.errorPrefix}${gnu ? 'kill: ' : ''}${msg}\n` : `kill: ${msg}\n`);
  };
  const badSignal = (spec: string): number => {
    fail(gnu ? `${spec}: invalid signal specification` : `bad signal name '${spec}'`);
    return 1;
  };

  let i = 0;
  let signal = 15;
  if (args[0] === '-l' || args[0] === '-L') return listSignals(ctx, args.slice(1), names, gnu, fail);
  if (args[0] === '-s' || args[0] === '-n') {
    const spec = args[1];
    if (spec === undefined) return usage(ctx, gnu, fail);
    const n = signalNumber(spec, names);
    if (n === undefined) return badSignal(spec);
    signal = n;
    i = 2;
  } else if (args[0] !== undefined && args[0].startsWith('-') && args[0] !== '-' && args[0] !== '--') {
    const spec = args[0].slice(1);
    const n = signalNumber(spec, names);
    if (n === undefined) return badSignal(spec);
    signal = n;
    i = 1;
  }
  if (args[i] === '--') i++;
  const operands = args.slice(i);
  if (operands.length === 0) return usage(ctx, gnu, fail);
  let status = 0;
  // `%N` job specs, for the builtin: busybox ash's killcmd turns each into its job's live PIDs
  // before kill_main runs, and an unknown one is an error of the whole command (ash_msg_and_raise_error:
  // `sh: kill: line N: %2: no such job`, status 2, nothing sent); bash says so for each and goes on
  // (bminor/bash@bash-5.2 builtins/kill.def: `kill: %2: no such job`, status 1). Recorded:
  // shell/busybox-kill-job; bash measured (5.2.15).
  const pids: string[] = [];
  let succeeded = false;
  for (const p of operands) {
    const found = p.startsWith('%') && ctx.builtin && ctx.jobPids ? ctx.jobPids(p) : undefined;
    if (found === undefined) pids.push(p);
    else if (Array.isArray(found)) pids.push(...found.map(String));
    else if (found.reported) return 2;
    else {
      fail(found.error);
      status = 1;
    }
  }
  for (const p of pids) {
    if (!/^-?\d+$/.test(p)) {
      fail(gnu ? `${p}: arguments must be process or job IDs` : `invalid number '${p}'`);
      status = 1;
      continue;
    }
    const pid = Number(p);
    // signal 0 only asks whether the process exists
    const delivered = ctx.sendSignal ? ctx.sendSignal(pid, signal) : pid === 1 || pid === 0;
    if (delivered) {
      succeeded = true;
      continue;
    }
    // bash's builtin says `(PID) - MSG`, util-linux's kill program `(PID): MSG`
    fail(gnu ? (ctx.builtin ? `(${p}) - No such process` : `(${p}): No such process`) : `can't kill pid ${p}: No such process`);
    status = 1;
  }
  // bash's builtin fails only when no operand succeeded (bminor/bash@bash-5.2 builtins/kill.def:
  // `any_succeeded ? EXECUTION_SUCCESS : EXECUTION_FAILURE`)
  if (gnu && ctx.builtin) return succeeded ? 0 : 1;
  return status;
};

function usage(ctx: AppletContext, gnu: boolean, fail: (msg: string) => void): number {
  if (gnu) {
    // bash prints its usage line without the shell's prefix
    ctx.stderr('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
    return 2;
  }
  fail('you need to specify whom to kill');
  return 1;
}

/** `kill -l [SIG...]`: the table, or each name's number and each number's name (128+N too). */
function listSignals(ctx: AppletContext, specs: string[], names: Map<number, string>, gnu: boolean, fail: (msg: string) => void): number {
  if (specs.length === 0) {
    if (!gnu) {
      ctx.stdout([...names].map(([n, name]) => `${String(n).padStart(2)}) ${name}\n`).join(''));
      return 0;
    }
    // bash: five per row, each entry followed by a tab except the row's last
    const entries = [...names].map(([n, name]) => `${String(n).padStart(2)}) SIG${name}`);
    let out = '';
    entries.forEach((e, k) => (out += e + ((k + 1) % 5 === 0 ? '\n' : '\t')));
    if (entries.length % 5 !== 0) out += '\n';
    ctx.stdout(out);
    return 0;
  }
  let status = 0;
  for (const spec of specs) {
    if (/^\d+$/.test(spec)) {
      let n = Number(spec);
      if (n > 128) n -= 128;
      const name = names.get(n);
      if (name !== undefined) {
        ctx.stdout(`${name}\n`);
        continue;
      }
    } else {
      const n = signalNumber(spec, names);
      if (n !== undefined && n !== 0) {
        ctx.stdout(`${n}\n`);
        continue;
      }
    }
    fail(gnu ? `${spec}: invalid signal specification` : `bad signal name '${spec}'`);
    status = 1;
  }
  return status;
}
