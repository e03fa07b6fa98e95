// The builtins that set a variable's attributes: `export`, `readonly`, `local` (with bash's
// `local -r`), bash's `declare`/`typeset`, and `unset`'s refusal of a readonly variable. Their
// words and statuses are each shell's own, measured on this host's bash 5.2.15, dash 0.5.12 and
// busybox 1.35 (test/shell/readonly.test.ts holds the cases):
//  - bash: an assignment to a readonly variable is `NAME: readonly variable` (`local:` and
//    `declare:` name themselves, `unset: NAME: cannot unset: readonly variable`), status 1, and the
//    builtin goes on with its next operand (bminor/bash@bash-5.2 builtins/setattr.def,
//    declare.def, variables.c err_readonly);
//  - ash and dash: `export: NAME: is read only` and the shell exits 2, as after any error of a
//    special builtin (busybox shell/ash.c setvareq, dash var.c setvareq: ash_msg_and_raise_error).

import { ExitSignal } from './control.ts';
import type { Fds } from './fds.ts';
import { ReadonlyVariable, type Shell, type Var } from './interpreter.ts';
import { isName } from './parser.ts';
import { ShellNotSimulated } from './types.ts';

/** bash's integer variables among its own (`declare -ir UID="0"`): the only `-i` strata keeps. */
const BASH_INTEGERS = new Set(['UID', 'EUID', 'PPID']);

function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'"'"'`)}'`;
}

/** bash's `declare -p` line of a variable: its attributes (`--` for none) and value in double quotes. */
export function declareLine(name: string, v: Var): string {
  const attrs = `${BASH_INTEGERS.has(name) && v.readonly ? 'i' : ''}${v.readonly ? 'r' : ''}${v.exported ? 'x' : ''}`;
  const head = `declare -${attrs === '' ? '-' : attrs} ${name}`;
  return v.value === undefined ? head : `${head}="${v.value.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** bash's refusal of a listing that would show its own readonly variables, whose values strata does not keep. */
function bashListing(what: string): never {
  throw new ShellNotSimulated(`strata does not simulate bash's \`${what}\` listing: it shows PPID, SHELLOPTS, BASHOPTS and BASH_VERSINFO, whose values strata does not keep`);
}

/**
 * Leading options of a declaration builtin: `-p` and the letters `allowed` takes (each returned),
 * `--` ends them. A letter the builtin does not know is its usage error: bash `NAME: -z: invalid
 * option` and the usage line, status 2; ash `illegal option -z`, dash `Illegal option -z`, and the
 * shell exits 2 (nextopt). `known`: letters bash knows that strata does not simulate (refused).
 */
function options(sh: Shell, name: string, args: string[], fds: Fds, allowed: string, known: string, usage: string): { letters: Set<string>; operands: string[] } | number {
  const letters = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (sh.gnu && /^\+./.test(a)) throw new ShellNotSimulated(`strata does not simulate \`${name} ${a}\` (an attribute taken off)`);
    if (!/^-./.test(a)) break;
    for (const c of a.slice(1)) {
      if (allowed.includes(c)) letters.add(c);
      else if (sh.gnu && known.includes(c)) throw new ShellNotSimulated(`strata does not simulate \`${name} -${c}\` (bash's ${c === 'a' || c === 'A' ? 'arrays' : c === 'f' || c === 'F' ? 'functions as variables' : 'variable attributes but -r and -x'})`);
      else if (sh.gnu) {
        sh.builtinError(name, fds, `-${c}: invalid option`);
        sh.write(fds, 2, `${name}: usage: ${name} ${usage}\n`);
        return 2;
      } else {
        sh.builtinError(name, fds, `${sh.dash ? 'Illegal' : 'illegal'} option -${c}`);
        throw new ExitSignal(2);
      }
    }
  }
  return { letters, operands: args.slice(i) };
}

/** `readonly` or `export` with no operand (or `-p`): each shell's listing. */
function listing(sh: Shell, name: 'export' | 'readonly', fds: Fds): number {
  if (sh.gnu && name === 'readonly') bashListing('readonly -p');
  const rows = [...sh.vars]
    .filter(([, v]) => (name === 'export' ? v.exported : v.readonly === true))
    // (one without a value is `readonly NAME`, `export NAME`, bash's `declare -x NAME`: measured)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => (sh.gnu ? declareLine(k, v) : v.value === undefined ? `${name} ${k}` : `${name} ${k}=${shellQuote(v.value)}`));
  sh.write(fds, 1, rows.map((r) => r + '\n').join(''));
  return 0;
}

/** `export` and `readonly` (special builtins). */
export function exportBuiltin(sh: Shell, name: 'export' | 'readonly', args: string[], fds: Fds): number {
  let names: string[];
  if (name === 'readonly') {
    const parsed = options(sh, name, args, fds, 'pf', 'aA', '[-aAf] [name[=value] ...] or readonly -p');
    if (typeof parsed === 'number') return parsed;
    // bash's readonly functions: none is (`readonly -f` lists nothing), marking one is not simulated
    if (parsed.letters.has('f')) {
      if (parsed.operands.length > 0) throw new ShellNotSimulated('strata does not simulate `readonly -f` (readonly functions)');
      return 0;
    }
    names = parsed.operands;
  } else names = args.filter((a) => a !== '-p');
  if (names.length === 0) return listing(sh, name, fds);
  let status = 0;
  for (const a of names) {
    const eq = a.indexOf('=');
    const k = eq < 0 ? a : a.slice(0, eq);
    if (!isName(k)) {
      sh.builtinError(name, fds, sh.gnu ? `\`${a}': not a valid identifier` : `${k}: bad variable name`);
      // a special builtin's error ends ash and dash (measured: `export 1a=2; echo next` prints no next)
      if (!sh.gnu) throw new ExitSignal(2);
      status = 1;
      continue;
    }
    const old = sh.vars.get(k);
    if (eq >= 0 && old?.readonly) {
      // bash names no builtin here (setattr.def set_var_attribute: err_readonly), and exports
      // the variable all the same (`export X=2` of a readonly X: `declare -rx X="1"`, measured)
      if (sh.gnu) sh.readonlyError(k, fds);
      else sh.readonlyError(k, fds, name);
      if (!sh.gnu) throw new ExitSignal(2);
      if (name === 'export' && !old.exported) sh.putVar(k, { ...old, exported: true }, false);
      status = 1;
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : old?.value;
    const exported = name === 'export' || (old?.exported ?? false);
    const readonly = name === 'readonly' || old?.readonly === true;
    // (a name without a value is given no value: the command hash table stays, see Shell.putVar)
    sh.putVar(k, { ...(value === undefined ? {} : { value }), exported, ...(readonly ? { readonly: true as const } : {}) }, eq >= 0);
  }
  return status;
}

/**
 * `local NAME[=value]...` in a function, with bash's `-r` and `-x` (other attributes refused).
 * A readonly variable: bash says so (`local: X: readonly variable`) and goes on, status 1; busybox
 * ash exits 2 for any of it; dash only when a value is given (`local X` keeps it as it is).
 */
export function local(sh: Shell, args: string[], fds: Fds): number {
  const frame = sh.locals[sh.locals.length - 1];
  if (!frame) {
    sh.builtinError('local', fds, sh.gnu ? 'can only be used in a function' : 'not in a function');
    return sh.gnu ? 1 : 2;
  }
  // `local -` (every shell here) keeps the shell's options for the function's return: not kept
  // by strata's frames (bash variables.c push_var_context's `-`, busybox ash.c mklocal and dash
  // var.c mklocal: LONE_DASH saves optlist, poplocals restores it; measured: `set -f` in such a
  // function is gone after it)
  if (args.includes('-')) throw new ShellNotSimulated('strata does not simulate `local -` (the shell options a function gets back when it returns)');
  let letters = new Set<string>();
  let operands = args;
  if (sh.gnu) {
    const parsed = options(sh, 'local', args, fds, 'rx', 'aAfFgiIlnptu', '[option] name[=value] ...');
    if (typeof parsed === 'number') return parsed;
    ({ letters, operands } = parsed);
  }
  return declareVars(sh, 'local', operands, letters, fds, frame);
}

/**
 * Set each NAME[=value] operand, in `frame` (a function's locals) when given: `r` and `x` among
 * `letters` make it readonly and exported. The status: 1 when an operand was refused (bash).
 */
function declareVars(sh: Shell, name: string, operands: readonly string[], letters: ReadonlySet<string>, fds: Fds, frame: Map<string, Var | undefined> | undefined): number {
  let status = 0;
  for (const a of operands) {
    const eq = a.indexOf('=');
    const k = eq < 0 ? a : a.slice(0, eq);
    if (!isName(k)) {
      if (sh.gnu) {
        sh.builtinError(name, fds, `\`${a}': not a valid identifier`);
        status = 1;
        continue;
      }
      // ash and dash take no options here: every operand is a NAME[=value] for mklocal, whose
      // setvar refuses a bad name and the shell exits 2, so `local -r X` (bash's readonly local)
      // is `local: -r: bad variable name` (busybox shell/ash.c localcmd/mklocal/setvar, 1.35 to
      // 1.38; dash src/var.c localcmd/mklocal/setvar, 0.5.12; measured:
      // test/recorded/shell-fidelity). With a value mklocal sets it unchecked (setvareq) and the
      // name is refused only when the function returns (poplocals' unsetvar): not simulated.
      if (eq >= 0) throw new ShellNotSimulated(`strata does not simulate \`local ${a}\` in ${sh.dash ? 'dash' : 'busybox ash'} (a local whose name is no variable name, refused only when the function returns)`);
      sh.builtinError(name, fds, `${k}: bad variable name`);
      throw new ExitSignal(2);
    }
    const old = sh.vars.get(k);
    if (old?.readonly) {
      // bash refuses a local of it, or a new value; `declare -x X`/`-r X` of a global one sets its attributes
      const changes = eq >= 0 || frame !== undefined;
      if (sh.gnu && changes) {
        sh.readonlyError(k, fds, name);
        status = 1;
        continue;
      }
      if (!sh.gnu && (eq >= 0 || !sh.dash)) {
        sh.readonlyError(k, fds, name);
        throw new ExitSignal(2);
      }
      if (!sh.gnu) continue;
    }
    if (frame !== undefined && !frame.has(k)) frame.set(k, old);
    const exported = letters.has('x') || (old?.exported ?? false);
    const readonly = letters.has('r') || old?.readonly === true;
    const value = eq >= 0 ? a.slice(eq + 1) : frame !== undefined ? undefined : old?.value;
    // (ash's and dash's `local X` keeps the value it had; bash's is a new variable, without one)
    if (eq < 0 && frame !== undefined && !sh.gnu) continue;
    // (bash's `local PATH` is a new PATH, unset: it empties the command hash table, `declare -x PATH` does not)
    sh.putVar(k, { ...(value === undefined ? {} : { value }), exported, ...(readonly ? { readonly: true as const } : {}) }, eq >= 0 || frame !== undefined);
  }
  return status;
}

/**
 * bash's `declare` and `typeset`: NAME[=value] with `-r`, `-x`, `-g`, and `-p NAME...`; in a
 * function a variable is local unless `-g`. The other attributes (arrays, integers, case,
 * namerefs) and the listings of every variable are refused by name.
 */
export function declare(sh: Shell, name: 'declare' | 'typeset', args: string[], fds: Fds): number {
  const usage = name === 'declare' ? '[-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]' : '[-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]';
  const parsed = options(sh, name, args, fds, 'rxgp', 'aAfFiIlntu', usage);
  if (typeof parsed === 'number') return parsed;
  const { letters, operands } = parsed;
  if (operands.length === 0) bashListing(`${name}${letters.size > 0 ? ` -${[...letters].join('')}` : ''}`);
  if (letters.has('p')) {
    let status = 0;
    for (const k of operands) {
      const v = sh.vars.get(k);
      if (v === undefined) {
        sh.builtinError(name, fds, `${k}: not found`);
        status = 1;
        continue;
      }
      // (its value read as $PPID is: refused where strata has none)
      if (v.readonly && v.value === undefined) sh.param(k);
      if (k === 'BASH_VERSINFO') throw new ShellNotSimulated('strata does not simulate bash arrays (declare -p BASH_VERSINFO)');
      sh.write(fds, 1, declareLine(k, v) + '\n');
    }
    return status;
  }
  const frame = sh.locals.length > 0 && !letters.has('g') ? sh.locals[sh.locals.length - 1] : undefined;
  return declareVars(sh, name, operands, letters, fds, frame);
}

/**
 * `unset` of a readonly variable: bash `unset: X: cannot unset: readonly variable`, status 1, and
 * the next operand; ash and dash `unset: X: is read only` and the shell exits 2. True when `name`
 * may be unset.
 */
export function unsetAllowed(sh: Shell, name: string, fds: Fds): boolean {
  if (!sh.isReadonly(name)) return true;
  sh.readonlyError(name, fds, 'unset');
  if (!sh.gnu) throw new ExitSignal(2);
  return false;
}

/** `read`'s assignments: one to a readonly variable ends it, status 1 in bash (no builtin named), 2 in ash and dash. */
export function readAssigning(sh: Shell, fds: Fds, run: () => number): number {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof ReadonlyVariable)) throw e;
    if (sh.gnu) sh.readonlyError(e.varName, fds);
    else sh.readonlyError(e.varName, fds, 'read');
    return sh.gnu ? 1 : 2;
  }
}
