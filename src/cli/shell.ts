// `strata shell`: the interactive session of src/explain/shell.ts on a terminal or a pipe. At a
// terminal it prompts with `$ `, and with `> ` while the command is not complete (a here-document's
// body, a final backslash, an open quote or compound command: what makes bash read on); piped,
// each command is echoed after its prompt so the output reads as a transcript. `:save` is the only
// place it writes a file (whole or not at all).

import { isEngineName } from '../engine/profile.ts';
import { DEFAULT_ENGINE } from '../engine/profile.ts';
import { ShellSession } from '../explain/shell.ts';
import { needsMoreInput } from '../shell/complete.ts';
import { line, type Styled } from '../explain/styled.ts';
import { CliError, writeWhole } from './files.ts';
import { daemonFor } from './daemon.ts';
import type { InteractiveIO } from './quiz.ts';
import { draw } from './terminal.ts';

export function runShell(engine: string | undefined, io: InteractiveIO, daemon?: string): number {
  const name = engine ?? DEFAULT_ENGINE;
  if (!isEngineName(name)) throw new CliError(`unknown engine "${name}" (known: docker-20.10, docker-26.1)`);
  const shell = new ShellSession(name, daemonFor(undefined, daemon));
  const show = (lines: Styled[]): void => io.stdout(draw(lines, io.color));
  show([line(`strata shell on ${name}: type docker and shell commands; :help lists the shell's own (:where, :diagram, :undo, :engine, :save)`, 'title')]);
  const read = (prompt: string): string | null => {
    io.stdout(prompt);
    const l = io.readLine();
    if (l === null) io.stdout('\n');
    else if (!io.interactive) io.stdout(`${l}\n`);
    return l;
  };
  for (;;) {
    const first = read('$ ');
    if (first === null) return 0;
    let text = first;
    // the lines a shell would read on for (PS2): a here-document's body, after a final backslash...
    if (!first.trim().startsWith(':')) {
      while (needsMoreInput(text)) {
        const more = read('> ');
        if (more === null) break;
        text += `\n${more}`;
      }
    }
    const reply = shell.input(text);
    if (reply.kind === 'quit') return 0;
    show(reply.lines);
    if (reply.kind === 'save') {
      try {
        writeWhole(reply.file, reply.text);
        show([line(`saved ${shell.commands.length} command${shell.commands.length === 1 ? '' : 's'} to ${reply.file} (strata check ${reply.file} replays it)`, 'plain')]);
      } catch (e) {
        show([line(e instanceof CliError ? e.message : `${reply.file}: cannot write: ${e instanceof Error ? e.message : String(e)}`, 'wrong')]);
      }
    }
  }
}
