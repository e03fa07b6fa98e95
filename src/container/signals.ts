// Signals as the daemon reads them (moby/sys/signal, pkg/signal in 20.10): `docker kill -s`,
// `docker stop -s` and `--stop-signal` take a number or a name with or without SIG, in any case.

/** Linux signals by name, as moby's signal.SignalMap knows them (without the SIG prefix). */
const SIGNALS: Record<string, number> = {
  ABRT: 6, ALRM: 14, BUS: 7, CHLD: 17, CLD: 17, CONT: 18, FPE: 8, HUP: 1, ILL: 4, INT: 2, IO: 29, IOT: 6, KILL: 9, PIPE: 13,
  POLL: 29, PROF: 27, PWR: 30, QUIT: 3, SEGV: 11, STKFLT: 16, STOP: 19, SYS: 31, TERM: 15, TRAP: 5, TSTP: 20, TTIN: 21,
  TTOU: 22, URG: 23, USR1: 10, USR2: 12, VTALRM: 26, WINCH: 28, XCPU: 24, XFSZ: 25, RTMIN: 34, RTMAX: 64,
};
for (let i = 1; i <= 15; i++) {
  SIGNALS[`RTMIN+${i}`] = 34 + i;
  SIGNALS[`RTMAX-${i}`] = 64 - i;
}

/**
 * signal.ParseSignal: a number as strconv.Atoi reads it (any non-zero value, even one Linux
 * lacks), else a known name; undefined where the daemon answers `invalid signal: RAW`.
 */
export function parseSignal(raw: string): number | undefined {
  if (/^[+-]?\d+$/.test(raw)) {
    const n = Number(raw);
    return n === 0 ? undefined : n;
  }
  const name = raw.toUpperCase().replace(/^SIG/, '');
  return Object.prototype.hasOwnProperty.call(SIGNALS, name) ? SIGNALS[name] : undefined;
}

/** signal.ValidSignalForPlatform: a number SignalMap has (1 to 31, 34 to 64: 32 and 33 are glibc's own). */
export function validSignalForPlatform(signo: number): boolean {
  return Object.values(SIGNALS).includes(signo);
}
