// mattn/go-shellwords' Parse with compose's settings (no environment or backtick expansion): how
// compose-go turns `command: echo "a b" c` into a list (types/command.go ShellCommand).

import { ComposeFileError } from './interpolate.ts';

export function shellwords(line: string): string[] {
  const args: string[] = [];
  let buf = '';
  let escaped = false;
  let doubleQuoted = false;
  let singleQuoted = false;
  let got = false;
  for (const r of line) {
    if (escaped) {
      buf += r;
      escaped = false;
      got = true;
      continue;
    }
    if (r === '\\') {
      if (singleQuoted) buf += r;
      else escaped = true;
      continue;
    }
    if (r === ' ' || r === '\t' || r === '\r' || r === '\n') {
      if (singleQuoted || doubleQuoted) {
        buf += r;
      } else if (got) {
        args.push(buf);
        buf = '';
        got = false;
      }
      continue;
    }
    if (r === '"' && !singleQuoted) {
      doubleQuoted = !doubleQuoted;
      got = true;
      continue;
    }
    if (r === "'" && !doubleQuoted) {
      singleQuoted = !singleQuoted;
      got = true;
      continue;
    }
    if (!singleQuoted && !doubleQuoted && ';&|<>'.includes(r)) {
      // go-shellwords stops at a shell operator and ignores the rest
      break;
    }
    buf += r;
    got = true;
  }
  if (got) args.push(buf);
  if (escaped || singleQuoted || doubleQuoted) throw new ComposeFileError('invalid command line string');
  return args;
}
