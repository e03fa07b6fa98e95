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
  /**
   * 1-based line of its last line, continuation lines and here-documents included: moby/buildkit
   * frontend/dockerfile/parser/parser.go Parse ends with `root.AddChild(child, startLine,
   * currentLine)` after reading both, and Node.Location() is that range (errors' excerpts).
   */
  endLine: number;
  /** The instruction as written (continuations joined), for history rows. */
  original: string;
  /** An empty or blank line inside its continuation was skipped (the parser warns of it). */
  emptyContinuation?: true;
  /** RUN, COPY and ADD here-documents, in the order the line names them (BuildKit only). */
  heredocs?: Heredoc[];
  /** The file's escape character when a `# escape=` directive made it the backtick (else `\`). */
  escape?: '`';
}

/** The escape character of a Dockerfile's words and line continuations. */
export type EscapeToken = '\\' | '`';

/** A here-document (buildkit parser.Heredoc): `<<NAME`, `<<-NAME` (chomp), `<<'NAME'` (no expansion). */
export interface Heredoc {
  name: string;
  /** Every line up to the terminator, each with its newline (tabs not yet chomped). */
  content: string;
  expand: boolean;
  chomp: boolean;
}

/** A here-document whose terminator never comes, or whose name's quotes are not closed. */
export class HeredocError extends Error {
  constructor(
    readonly line: number,
    message = 'unterminated heredoc',
  ) {
    super(message);
  }
}

/** buildkit parser.go reHeredoc: a word that opens a here-document. */
const HEREDOC = /^(\d*)<<(-?)([^<]*)$/;

/**
 * ParseHeredoc: the here-document a word opens, or undefined. The name is one shell word; any
 * quoting in it (`<<'EOT'`, `<<"EOT"`, `<<E"O"T`) turns expansion off.
 */
export function parseHeredoc(word: string): Omit<Heredoc, 'content'> | undefined {
  const m = HEREDOC.exec(word);
  if (!m) return undefined;
  // one word, the name as written (an empty name has none)
  const words = splitWords(m[3]);
  if (words.length !== 1 || words[0] !== m[3]) return undefined;
  // the shell lexer fails on a quote left open (the builder's words for it are not recorded)
  const open = /^(?:[^'"]|'[^']*'|"[^"]*")*$/.test(m[3]) ? undefined : m[3];
  if (open !== undefined) throw new HeredocError(0, `unclosed quote in the here-document name ${open}`);
  // (ProcessWords with SkipUnsetEnv: the quotes go, a `$` stays)
  const name = m[3].replace(/['"]/g, '');
  return { name, expand: !/['"]/.test(m[3]), chomp: m[2] === '-' };
}

/** ChompHeredocContent: the leading tabs of every line go. */
export function chompHeredoc(content: string): string {
  return content.replace(/^\t+/gm, '');
}

/** An unknown instruction: `line` is 1-based, `word` as written. */
export class DockerfileError extends Error {
  constructor(
    readonly line: number,
    readonly word: string,
    readonly endLine = line,
  ) {
    super(`unknown instruction: ${word}`);
  }
}

/** Every instruction both builders know (moby/buildkit command.Commands). */
export const SUPPORTED = ['FROM', 'RUN', 'COPY', 'ADD', 'WORKDIR', 'ENV', 'VOLUME', 'CMD', 'ENTRYPOINT', 'LABEL', 'USER', 'STOPSIGNAL', 'EXPOSE', 'ARG', 'MAINTAINER', 'SHELL', 'HEALTHCHECK', 'ONBUILD'];

/**
 * A line that goes on in the next one (one escape character at the end after another character:
 * an escaped escape continues nothing), and the part of it that says so (buildkit parser.go
 * setEscapeToken, lineContinuationRegex).
 */
const CONTINUATION = { '\\': /[^\\]\\[ \t]*$/, '`': /[^`]`[ \t]*$/ } as const;
const CONTINUED = { '\\': /\\[ \t]*$/, '`': /`[ \t]*$/ } as const;

/** A parser directive that is refused: `index` is its 0-based line. */
export class DirectiveError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The escape character the parser directives at the very top of a Dockerfile set (moby/buildkit
 * frontend/dockerfile/parser directives possibleParserDirective, the same in the legacy builder's
 * copy): each line, its leading white space dropped, that matches reDirectives
 * `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` with a known name (`escape`, `syntax`; any
 * case) is one; the first line that is not (an instruction, a comment, an empty line, an unknown
 * name) ends them. A name seen twice is `only one NAME parser directive can be used`, an escape
 * other than `` ` `` or `\` `invalid escape token 'V' does not match ` or \` (recorded:
 * builds/escape-directive, both engines). `syntax` changes nothing here.
 */
export function parseDirectives(text: string): EscapeToken {
  let escape: EscapeToken = '\\';
  const seen = new Set<string>();
  for (const [index, line] of text.split('\n').entries()) {
    const m = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(line.replace(/^\s+/, ''));
    const name = m?.[1].toLowerCase();
    if (!m || (name !== 'escape' && name !== 'syntax')) break;
    if (seen.has(name)) throw new DirectiveError(index, `only one ${name} parser directive can be used`);
    seen.add(name);
    if (name !== 'escape') continue;
    if (m[2] !== '`' && m[2] !== '\\') throw new DirectiveError(index, `invalid escape token '${m[2]}' does not match \` or \\`);
    escape = m[2];
  }
  return escape;
}

/**
 * The Dockerfile's instructions. `heredocs`: BuildKit's parser (Dockerfile 1.4 syntax) reads the
 * here-documents a RUN, COPY or ADD line opens from the lines after it; the legacy builder's
 * parser has none, and reads those lines as instructions.
 */
export function parseDockerfile(text: string, opts: { heredocs?: boolean } = {}): Instruction[] {
  const escape = parseDirectives(text);
  const continuation = CONTINUATION[escape];
  const continued = CONTINUED[escape];
  const lines = text.split('\n');
  const out: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let line = lines[i++].replace(/\r$/, '');
    if (/^\s*(#|$)/.test(line)) continue;
    // moby/buildkit parser.Parse: a comment line inside a continuation is dropped, and so is an
    // empty or blank one (isEmptyContinuationLine), with a deprecation warning that the legacy
    // builder prints (recorded: builds/empty-continuation-line on both engines, and
    // empty-continuation-log on 20.10). A continuation is one `\` at the end of the line after
    // another character (lineContinuationRegex `([^\\])\\[ \t]*$`: `\\` continues nothing), and
    // it is dropped even on the last line (recorded: builds/continuation-backslashes).
    let emptyContinuation = false;
    let more = continuation.test(line);
    if (more) line = line.replace(continued, '');
    while (more && i < lines.length) {
      const next = lines[i++].replace(/\r$/, '');
      if (/^\s*#/.test(next)) continue;
      if (/^\s*$/.test(next)) {
        emptyContinuation = true;
        continue;
      }
      more = continuation.test(next);
      line += more ? next.replace(continued, '') : next;
    }
    // `s`: a carriage return or U+2028 inside the line is part of the arguments (without the
    // flag `.` stops at them and the match failed: an internal error)
    const m = /(\S+)(.*)/s.exec(line)!;
    const cmd = m[1].toUpperCase();
    const rest = m[2].trim();
    if (!SUPPORTED.includes(cmd)) throw new DockerfileError(start + 1, m[1], i);
    const json = jsonArray(rest);
    // buildkit parser.Parse: canContainHeredoc (RUN, COPY, ADD in the shell form), then each
    // here-document's lines up to its terminator (tabs ignored before it with `<<-`)
    const heredocs: Heredoc[] = [];
    if (opts.heredocs && ['RUN', 'COPY', 'ADD'].includes(cmd) && json === undefined) {
      for (const word of splitWords(line, escape)) {
        const doc = parseHeredoc(word);
        if (doc === undefined) continue;
        let content = '';
        let terminated = false;
        while (i < lines.length) {
          const body = lines[i++];
          const bare = body.replace(/[\r\n]+$/, '');
          if ((doc.chomp ? bare.replace(/^\t+/, '') : bare) === doc.name) {
            terminated = true;
            break;
          }
          content += body + '\n';
        }
        if (!terminated) throw new HeredocError(start + 1);
        heredocs.push({ ...doc, content });
      }
    }
    out.push({
      cmd,
      rest,
      json,
      line: start + 1,
      endLine: i,
      original: line.trim(),
      ...(emptyContinuation ? { emptyContinuation: true as const } : {}),
      ...(heredocs.length > 0 ? { heredocs } : {}),
      ...(escape === '`' ? { escape } : {}),
    });
  }
  return out;
}

/**
 * The Dockerfile shell lexer's ProcessWord (moby/buildkit shell.Lex): expands `$VAR`, `${VAR}`,
 * `${VAR:-word}`, `${VAR:+word}` (and `-`/`+` without the colon) and removes quotes, in one pass,
 * so `'...'` stays literal, `"..."` expands, and `\` escapes outside quotes. Inside double quotes
 * a backslash escapes only `"`, `$` and `\`.
 */
export function processWord(word: string, env: Record<string, string>): string {
  let out = '';
  let i = 0;
  const dollar = (): string => {
    // word[i] === '$'
    const rest = word.slice(i + 1);
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (bare) {
      i += 1 + bare[0].length;
      return env[bare[0]] ?? '';
    }
    const m = /^\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}/.exec(rest);
    if (m) {
      i += 1 + m[0].length;
      const value = env[m[1]];
      const op = m[2];
      // (m[3] is there with an operator)
      const alt = (): string => processWord(m[3], env);
      if (op === ':-' || op === '-') return value === undefined || (op === ':-' && value === '') ? alt() : value;
      if (op === ':+' || op === '+') return value === undefined || (op === ':+' && value === '') ? '' : alt();
      return value ?? '';
    }
    i += 1;
    return '$';
  };
  while (i < word.length) {
    const ch = word[i];
    if (ch === "'") {
      const end = word.indexOf("'", i + 1);
      const stop = end < 0 ? word.length : end;
      out += word.slice(i + 1, stop);
      i = stop + 1;
    } else if (ch === '"') {
      i++;
      while (i < word.length && word[i] !== '"') {
        if (word[i] === '$') out += dollar();
        else if (word[i] === '\\' && ['"', '$', '\\'].includes(word[i + 1])) {
          out += word[i + 1];
          i += 2;
        } else out += word[i++];
      }
      i++;
    } else if (ch === '\\') {
      if (i + 1 < word.length) out += word[i + 1];
      i += 2;
    } else if (ch === '$') out += dollar();
    else out += word[i++];
  }
  return out;
}

/** The exec form: `text` as a JSON array of strings, else undefined (the shell form). */
export function jsonArray(text: string): string[] | undefined {
  // BuildKit tries JSON only for text that starts with `[`; every caller passes trimmed text,
  // and JSON.parse makes an array of nothing else. Text whose first character after JSON's
  // whitespace is not `[` is answered without JSON.parse: its SyntaxError (a stack trace for
  // every shell-form RUN, COPY, ENV... line) was most of parseDockerfile's time.
  let i = 0;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  if (text[i] !== '[') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An instruction's flags and the arguments after them. Flags are the leading words that start
 * with `--` (moby/buildkit parser extractBuilderFlags): a later `--word` is an argument, and the
 * arguments after flags may be in the exec form (`COPY --chown=1 ["a", "/b"]`; recorded:
 * builds/copy-json-flags). The flags keep their quotes, as splitWords gives them.
 */
export function splitFlags(rest: string): { flags: string[]; args: string } {
  const flags: string[] = [];
  let args = rest.trimStart();
  while (args.startsWith('--')) {
    // splitWords keeps a word's characters as written, so the first word is a prefix of args
    const flag = splitWords(args)[0];
    flags.push(flag);
    args = args.slice(flag.length).trimStart();
  }
  return { flags, args };
}

/** Split on unquoted whitespace; quotes and escapes stay in the words (moby parseWords, with the file's escape character). */
export function splitWords(rest: string, escape: EscapeToken = '\\'): string[] {
  const words: string[] = [];
  let cur = '';
  let quote = '';
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (quote) {
      cur += ch;
      if (ch === escape && quote === '"' && i + 1 < rest.length) cur += rest[++i];
      else if (ch === quote) quote = '';
    } else if (/\s/.test(ch)) {
      if (cur !== '') words.push(cur);
      cur = '';
    } else {
      cur += ch;
      if (ch === escape && i + 1 < rest.length) cur += rest[++i];
      else if (ch === '"' || ch === "'") quote = ch;
    }
  }
  if (cur !== '') words.push(cur);
  return words;
}

/**
 * `KEY=VALUE ...` pairs, or the legacy `KEY VALUE` form (the rest of the line is the value),
 * expanded against `env` (the environment before this instruction) with quotes removed.
 */
export function parseKeyValues(rest: string, env: Record<string, string> = {}): [string, string][] {
  const words = splitWords(rest);
  if (words.length > 0 && !words[0].includes('=')) {
    const m = /(\S+)\s+(.*)/s.exec(rest);
    return m ? [[m[1], processWord(m[2], env)]] : [];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    return [processWord(w.slice(0, eq), env), processWord(w.slice(eq + 1), env)];
  });
}
