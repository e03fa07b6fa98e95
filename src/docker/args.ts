// The docker CLI's argument parsing (spf13/pflag rules as docker/cli configures them): long
// flags `--name v` / `--name=v`, bundled short flags `-it`, `-v v` / `-vv`, `--` to stop, and
// for run/create/exec no flags after the first positional argument (SetInterspersed(false)).

export type FlagKind = 'bool' | 'string' | 'list' | 'int';

export interface FlagSpec {
  long: string;
  short?: string;
  kind: FlagKind;
  help: string;
  /** Set when strata refuses the flag: the reason, shown by name at run time and in docs/compat.md. */
  refuse?: string;
  /** Hidden from the compat table (aliases). */
  hidden?: boolean;
  /** Only the newer client knows this flag (e.g. `volume prune --all`, CLI 23.0.5+). */
  minClient?: '28.2';
  /** The CLI's validator for each value (pflag reports its complaint as an invalid argument), in the client's words. */
  validate?: (value: string, client: '20.10' | '28.2') => string | undefined;
}

/** docker/cli's opts.ValidateEnv: a variable needs a name (`-e =x` is refused). */
export function envProblem(value: string): string | undefined {
  return value.split('=')[0] === '' ? `invalid environment variable: ${value}` : undefined;
}

export interface CommandSpec {
  /** `volume create`, `run`, ... */
  path: string;
  usage: string;
  /** The short help, as the newest client prints it. */
  description: string;
  /** The 20.10 CLI's short help, where it was worded differently. */
  legacyDescription?: string;
  flags: FlagSpec[];
  /** How many positional arguments cobra's Args check accepts (max undefined: no upper bound). */
  args: ArgCount;
  /** false for commands whose positional args are a command line (run, create, exec). */
  interspersed?: boolean;
}

/** `{ min: 1 }` is cobra's RequiresMinArgs(1), `{ min: 2, max: 2 }` ExactArgs(2), `{ min: 0, max: 0 }` NoArgs. */
export interface ArgCount {
  min: number;
  max?: number;
}

/** The args check's complaint without its frame (`requires at least 1 argument`), or undefined when `n` fits. */
export function argCountProblem(count: ArgCount, n: number, client: '20.10' | '28.2'): string | undefined {
  const { min, max } = count;
  if (n >= min && (max === undefined || n <= max)) return undefined;
  const args = (k: number): string => `${k} argument${k === 1 ? '' : 's'}`;
  if (max === 0) return 'accepts no arguments';
  if (max === undefined) return `requires at least ${args(min)}`;
  if (min === max) return client === '20.10' ? `requires exactly ${args(min)}` : `requires ${args(min)}`;
  if (min === 0) return `requires at most ${args(max)}`;
  return `requires at least ${min} and at most ${args(max)}`;
}

export type FlagValue = boolean | string | string[];

export interface ParsedArgs {
  flags: Record<string, FlagValue>;
  args: string[];
}

export type ParseResult = { ok: true; parsed: ParsedArgs } | { ok: false; error: string; refused?: boolean };

const BOOL_VALUES: Record<string, boolean> = { true: true, '1': true, t: true, T: true, TRUE: true, True: true, false: false, '0': false, f: false, F: false, FALSE: false, False: false };

/** Go's strconv.ParseBool: the value, or undefined where Go answers `invalid syntax`. */
export function goParseBool(value: string): boolean | undefined {
  return Object.prototype.hasOwnProperty.call(BOOL_VALUES, value) ? BOOL_VALUES[value] : undefined;
}

interface FlagTables {
  byLong: Map<string, FlagSpec>;
  byShort: Map<string, FlagSpec>;
}

/**
 * A command's flags by name for one client, made once per spec (specs are constants): `docker run`
 * has about a hundred flags, and building these maps at every command cost more than parsing.
 */
const flagTables = new WeakMap<CommandSpec, Partial<Record<'20.10' | '28.2', FlagTables>>>();

function tablesOf(spec: CommandSpec, client: '20.10' | '28.2'): FlagTables {
  let byClient = flagTables.get(spec);
  if (byClient === undefined) {
    byClient = {};
    flagTables.set(spec, byClient);
  }
  let t = byClient[client];
  if (t === undefined) {
    const known = spec.flags.filter((f) => f.minClient === undefined || client === f.minClient);
    t = { byLong: new Map(known.map((f) => [f.long, f])), byShort: new Map(known.filter((f) => f.short).map((f) => [f.short!, f])) };
    byClient[client] = t;
  }
  return t;
}

export function parseArgs(spec: CommandSpec, argv: string[], client: '20.10' | '28.2' = '28.2'): ParseResult {
  const flags: Record<string, FlagValue> = {};
  const args: string[] = [];
  const { byLong, byShort } = tablesOf(spec, client);
  const interspersed = spec.interspersed !== false;

  const set = (f: FlagSpec, value: string | undefined): string | undefined => {
    if (f.refuse) return `strata does not simulate \`--${f.long}\` (${f.refuse})`;
    const invalid = value === undefined ? undefined : f.validate?.(value, client);
    if (invalid !== undefined) return `invalid argument "${value}" for "${f.short ? `-${f.short}, ` : ''}--${f.long}" flag: ${invalid}`;
    if (f.kind === 'bool') {
      if (value === undefined) flags[f.long] = true;
      else if (value in BOOL_VALUES) flags[f.long] = BOOL_VALUES[value];
      else return `invalid argument "${value}" for "--${f.long}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
    } else if (f.kind === 'list') {
      const prev = flags[f.long];
      flags[f.long] = [...(Array.isArray(prev) ? prev : []), value ?? ''];
    } else {
      if (f.kind === 'int' && !/^-?\d+$/.test(value ?? '')) {
        return `invalid argument "${value}" for "${f.short ? `-${f.short}, ` : ''}--${f.long}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`;
      }
      flags[f.long] = value ?? '';
    }
    return undefined;
  };

  let i = 0;
  while (i < argv.length) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const f = byLong.get(name);
      if (!f) return { ok: false, error: `unknown flag: --${name}` };
      let value: string | undefined = eq >= 0 ? a.slice(eq + 1) : undefined;
      if (value === undefined && f.kind !== 'bool') {
        if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: --${name}` };
        value = argv[++i];
      }
      const err = set(f, value);
      if (err) return { ok: false, error: err, refused: f.refuse !== undefined };
      i++;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let j = 1;
      while (j < a.length) {
        const ch = a[j];
        const f = byShort.get(ch);
        if (!f) return { ok: false, error: `unknown shorthand flag: '${ch}' in ${a}` };
        if (f.kind === 'bool') {
          let value: string | undefined;
          if (a[j + 1] === '=') {
            value = a.slice(j + 2);
            j = a.length;
          } else j++;
          const err = set(f, value);
          if (err) return { ok: false, error: err, refused: f.refuse !== undefined };
          continue;
        }
        let value = a.slice(j + 1);
        if (value.startsWith('=')) value = value.slice(1);
        if (value === '') {
          if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: '${ch}' in -${ch}` };
          value = argv[++i];
        }
        const err = set(f, value);
        if (err) return { ok: false, error: err, refused: f.refuse !== undefined };
        j = a.length;
      }
      i++;
      continue;
    }
    if (!interspersed) {
      args.push(...argv.slice(i));
      break;
    }
    args.push(a);
    i++;
  }
  return { ok: true, parsed: { flags, args } };
}

export function flagBool(p: ParsedArgs, name: string): boolean {
  return p.flags[name] === true;
}

export function flagString(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** An `int` flag's value (validated by the parser), or undefined when not given. */
export function flagInt(p: ParsedArgs, name: string): number | undefined {
  const v = p.flags[name];
  return typeof v === 'string' ? Number(v) : undefined;
}

/** `KEY=VALUE` items of a list flag (`--label`, `--opt`): a bare `KEY` maps to ''. */
export function keyValues(list: string[]): Record<string, string> {
  const rec: Record<string, string> = {};
  for (const item of list) {
    const i = item.indexOf('=');
    rec[i >= 0 ? item.slice(0, i) : item] = i >= 0 ? item.slice(i + 1) : '';
  }
  return rec;
}

export function flagList(p: ParsedArgs, name: string): string[] {
  const v = p.flags[name];
  return Array.isArray(v) ? v : [];
}
