// Dockerfile parsing: instructions (case-insensitive), `\` line continuations, comments,
// JSON (exec) form or shell form arguments.

export interface Instruction {
  /** Upper-case keyword. */
  cmd: string;
  /** Raw text after the keyword. */
  rest: string;
  /** Parsed JSON array for exec form, else undefined. */
  json?: string[];
  /** 1-based line of the instruction's first line. */
  line: number;
  /** The instruction as written (continuations joined), for history rows. */
  original: string;
}

export class DockerfileError extends Error {}

export const SUPPORTED = ['FROM', 'RUN', 'COPY', 'ADD', 'WORKDIR', 'ENV', 'VOLUME', 'CMD', 'ENTRYPOINT', 'LABEL', 'USER', 'STOPSIGNAL', 'EXPOSE', 'ARG', 'MAINTAINER'];

export function parseDockerfile(text: string): Instruction[] {
  const lines = text.split('\n');
  const out: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let line = lines[i++].replace(/\r$/, '');
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && i < lines.length) {
      const next = lines[i++];
      if (/^\s*#/.test(next)) continue;
      line = line.replace(/\\\s*$/, '') + next;
    }
    const m = /^\s*(\S+)\s*(.*)$/.exec(line)!;
    const cmd = m[1].toUpperCase();
    const rest = m[2].trim();
    if (!SUPPORTED.includes(cmd)) throw new DockerfileError(`dockerfile parse error line ${start + 1}: unknown instruction: ${m[1]}`);
    let json: string[] | undefined;
    if (rest.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(rest);
        if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) json = parsed as string[];
      } catch {
        json = undefined;
      }
    }
    out.push({ cmd, rest, json, line: start + 1, original: line.trim() });
  }
  return out;
}

/** `$VAR` / `${VAR}` / `${VAR:-x}` substitution in instruction arguments. */
export function substitute(text: string, env: Record<string, string>): string {
  return text.replace(/\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+])?([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, braced, op, word, bare) => {
    if (all === '\\$') return '$';
    const name = braced ?? bare;
    const value = env[name];
    if (op === ':-' || op === '-') return value === undefined || (op === ':-' && value === '') ? word : value;
    if (op === ':+' || op === '+') return value === undefined || (op === ':+' && value === '') ? '' : word;
    return value ?? '';
  });
}

/** `KEY=VALUE ...` pairs (quotes allowed), or the legacy `KEY VALUE` form. */
export function parseKeyValues(rest: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (!/^[^\s=]+=/.test(rest)) {
    const m = /^(\S+)\s+(.*)$/.exec(rest);
    if (m) pairs.push([m[1], m[2]]);
    return pairs;
  }
  const re = /([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest)) !== null) {
    let v = m[2];
    if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    else if (v.startsWith("'")) v = v.slice(1, -1);
    pairs.push([m[1], v]);
  }
  return pairs;
}
