// How the docker CLI frames errors, by client version (shared/oracle/README.md, "CLI 28.2.2 vs
// 20.10" and research/docker-semantics.md "Error framing").

import type { DockerContext } from './context.ts';
import type { ArgCount } from './args.ts';

// What the CLI prints is a byte string, as Go's strings are: arguments arrive as bytes from the
// shell, and names, labels, paths and file contents stay bytes in the engine (fs/utf8.ts), so
// nothing here encodes again.
function err(ctx: DockerContext, text: string): void {
  ctx.io.stderr(text);
}

/**
 * "No such container/image" for a command the 20.10 CLI checks client-side (`Error: No such
 * container: x`); the 28.2 CLI passes the daemon's words through, with `:latest` on images.
 */
export function noSuchText(ctx: DockerContext, kind: 'container' | 'image', ref: string): string {
  if (ctx.profile.client === '20.10') return `Error: No such ${kind}: ${ref}`;
  const name = kind === 'image' && !ref.includes(':') && !/^[0-9a-f]{12,64}$/.test(ref) ? `${ref}:latest` : ref;
  return `Error response from daemon: No such ${kind}: ${name}`;
}

/** A daemon error from most commands: `Error response from daemon: MSG`, exit 1. */
export function daemonError(ctx: DockerContext, msg: string, status = 1): number {
  err(ctx, `Error response from daemon: ${msg}\n`);
  return status;
}

/** `docker run`/`create`/`start` errors (prefixed `docker: ` for run and create). */
export function runError(
  ctx: DockerContext,
  msg: string,
  command: string,
  opts: { daemon?: boolean; prefix?: boolean; startFailed?: boolean } = {},
): number {
  const body = opts.daemon === false ? msg : `Error response from daemon: ${msg}`;
  const prefix = opts.prefix === false ? '' : 'docker: ';
  if (ctx.profile.client === '20.10') {
    // The 20.10 CLI reports a failed start without the help line (reportError withHelp=false).
    // reportError adds a period unless the message ends with one.
    const text = body.endsWith('.') ? body : `${body}.`;
    err(ctx, opts.startFailed ? `${prefix}${text}\n` : `${prefix}${text}\nSee 'docker ${command} --help'.\n`);
  } else {
    err(ctx, `${prefix}${body}\n\nRun 'docker ${command} --help' for more information\n`);
  }
  return statusFor(msg);
}

/** The CLI's exit status for a failed run: 126/127 from the message, else 125. */
export function statusFor(msg: string): number {
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(msg)) return 127;
  if (/permission denied/.test(msg)) return 126;
  return 125;
}

/** What the CLI calls the command in its usage errors: the path typed (cobra aliases resolved), its usage line, its short help. */
export interface UsageFrame {
  path: string;
  usage: string;
  description: string;
}

/**
 * cobra's Args check failing (docker/cli cli/required.go), exit 1. The 20.10 CLI:
 * `"docker rm" requires at least 1 argument.` + See line + usage + short help. The 28.2 CLI:
 * `docker: 'docker rm' requires at least 1 argument` + usage + a trailer that says "See" for
 * RequiresMinArgs, "Run" for the others, and "SRun" for RequiresMaxArgs (a typo in 28.2's
 * required.go, recorded in test/recorded/docker-26.1/core/usage-arg-counts.scenario).
 */
export function argCountError(ctx: DockerContext, frame: UsageFrame, count: ArgCount, problem: string, legacy?: { prefix: string }): number {
  const cmd = `docker ${frame.path}`;
  if (ctx.profile.client === '20.10' || legacy) {
    err(ctx, `${legacy?.prefix ?? ''}"${cmd}" ${problem}.\nSee '${cmd} --help'.\n\nUsage:  ${frame.usage}\n\n${frame.description}\n`);
  } else {
    const verb = count.max === undefined ? 'See' : count.min === 0 && count.max > 0 ? 'SRun' : 'Run';
    err(ctx, `docker: '${cmd}' ${problem}\n\nUsage:  ${frame.usage}\n\n${verb} '${cmd} --help' for more information\n`);
  }
  return 1;
}

/** A flag parse error: 20.10 `See 'docker X --help'.`; 28.2 adds the usage line. */
export function flagError(ctx: DockerContext, msg: string, command: string, usage: string): number {
  if (ctx.profile.client === '20.10') err(ctx, `${msg}\nSee 'docker ${command} --help'.\n`);
  else err(ctx, `${msg}\n\nUsage:  ${usage}\n\nRun 'docker ${command} --help' for more information\n`);
  return 125;
}

/** A refusal: strata knows the flag or command exists but does not simulate it. */
export function refusal(ctx: DockerContext, msg: string): number {
  err(ctx, `${msg}\n`);
  return 125;
}

export function out(ctx: DockerContext, text: string): void {
  ctx.io.stdout(text);
}

export function errOut(ctx: DockerContext, text: string): void {
  err(ctx, text);
}
