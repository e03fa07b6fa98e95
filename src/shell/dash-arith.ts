// dash's arithmetic, `$((...))` in a Debian or Ubuntu image's /bin/sh: dash 0.5.12's own
// recursive-descent evaluator (src/arith_yacc.c) over its lexer (src/arith_yylex.c), followed
// step by step, so its errors are dash's: `arithmetic expression: MSG: "EXPR"` (yyerror, with the
// whole expression as expanded), MSG one of `expecting primary`, `expecting EOF`, `expecting ')'`,
// `expecting ':'`, `division by zero`. Its grammar is smaller than bash's and busybox's: no `,`,
// no `**`, no `++`/`--` (`x++` is x + + a missing primary), no BASE#DIGITS (`#` ends the
// expression), an empty expression is an error, a literal too big is strtoimax's INTMAX_MAX.
// Checked against this host's dash 0.5.12 (test/shell/dash-words.test.ts).

import { ExpansionError } from './expand.ts';
import { ShellNotSimulated } from './types.ts';

/** What the evaluator needs from the shell: a variable's value, and setting one. */
export interface DashArithHost {
  param(name: string): string | undefined;
  setVar(name: string, value: string): void;
}

/** A token of arith_yylex: an operator's text, a number, a name, `bad` (a character none starts with) or `eof`. */
type Tok = { t: 'num'; v: bigint } | { t: 'var'; name: string } | { t: 'bad' } | { t: 'eof' } | { t: string };

const INTMAX = (1n << 63n) - 1n;
const i64 = (v: bigint): bigint => BigInt.asIntN(64, v);

/** arith_yacc.c prec[]: a lower number binds tighter. */
const PREC: Readonly<Record<string, number>> = {
  '*': 0, '/': 0, '%': 0,
  '+': 1, '-': 1,
  '<<': 2, '>>': 2,
  '<': 3, '<=': 3, '>': 3, '>=': 3,
  '==': 4, '!=': 4,
  '&': 5,
  '^': 6,
  '|': 7,
};
/** ARITH_MAX_PREC */
const MAX_PREC = 8;
/** The compound assignments (ARITH_ASS_MIN..ARITH_ASS_MAX: the operator's token + 11). */
const COMPOUND = new Set(['%=', '&=', '<<=', '>>=', '*=', '+=', '|=', '-=', '^=', '/=']);
/** How deep parentheses and operators nest before strata refuses (dash's C stack has no such limit). */
const MAX_DEPTH = 1000;

/**
 * arith_yylex.c: blanks skipped; a digit starts strtoimax(buf, &end, 0) (0x hex, 0 octal: `08` is
 * 0 then 8; too big is INTMAX_MAX); a letter or `_` a name; the operators, longest first; any
 * other character is ARITH_BAD and the lexer stays there, the end of the text ARITH_EOF.
 */
function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  for (;;) {
    while (src[i] === ' ' || src[i] === '\t' || src[i] === '\n') i++;
    if (i >= src.length) {
      toks.push({ t: 'eof' });
      return toks;
    }
    const c = src[i];
    if (c >= '0' && c <= '9') {
      const m = /^(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(src.slice(i))!;
      const d = m[0];
      const v = /^0[xX]/.test(d) ? BigInt(d) : d.length > 1 && d[0] === '0' ? BigInt('0o' + d.slice(1)) : BigInt(d);
      toks.push({ t: 'num', v: v > INTMAX ? INTMAX : v });
      i += d.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      toks.push({ t: 'var', name: name[0] });
      i += name[0].length;
      continue;
    }
    const op = /^(?:<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%^&|]=|[-+*/%^&|<>=!~?:()])/.exec(src.slice(i));
    if (!op) {
      toks.push({ t: 'bad' });
      return toks;
    }
    toks.push({ t: op[0] });
    i += op[0].length;
  }
}

/** dash 0.5.12 arith(): the value of `src`, or its error. `readVar` is lookupvarint (atomax of the value). */
export function evalDashArith(src: string, host: DashArithHost, readVar: (value: string) => bigint): bigint {
  return new DashArith(src, host, readVar).run();
}

class DashArith {
  private readonly toks: Tok[];
  private pos = 0;
  /** yylval: the token yylex returned last. */
  private yylval: Tok = { t: 'eof' };
  private lastToken: Tok = { t: 'eof' };
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly host: DashArithHost,
    private readonly readVar: (value: string) => bigint,
  ) {
    this.toks = tokenize(src);
  }

  run(): bigint {
    const result = this.assignment(this.yylex(), false);
    if (this.last() !== 'eof') throw this.yyerror('expecting EOF');
    return result;
  }

  /** last_token's kind (a method: the calls between two reads change it). */
  private last(): string {
    return this.lastToken.t;
  }

  private yylex(): Tok {
    const tok = this.toks[Math.min(this.pos, this.toks.length - 1)];
    // ARITH_BAD and ARITH_EOF leave arith_buf where it is: every later call returns them again
    if (tok.t !== 'bad' && tok.t !== 'eof') this.pos++;
    this.yylval = tok;
    return tok;
  }

  /** yyerror: sh_error("arithmetic expression: %s: \"%s\"", s, arith_startbuf). */
  private yyerror(s: string): ExpansionError {
    const words = `arithmetic expression: ${s}: "${this.src}"`;
    return new ExpansionError(words, words);
  }

  private deeper<T>(fn: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new ShellNotSimulated(`strata does not simulate dash arithmetic nested more than ${MAX_DEPTH} deep`);
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private lookup(name: string): bigint {
    return this.readVar(this.host.param(name) ?? '');
  }

  private doBinop(op: string, a: bigint, b: bigint): bigint {
    switch (op) {
      case '%':
      case '/':
        if (b === 0n) throw this.yyerror('division by zero');
        // imaxdiv(INTMAX_MIN, -1) traps: dash dies of SIGFPE
        if (b === -1n && a === -INTMAX - 1n) throw new ShellNotSimulated('strata does not simulate dash killed by SIGFPE (INTMAX_MIN divided by -1)');
        return op === '/' ? a / b : a % b;
      case '*': return i64(a * b);
      case '+': return i64(a + b);
      case '-': return i64(a - b);
      // x86 shifts by the count's low 6 bits
      case '<<': return i64(a << (b & 63n));
      case '>>': return a >> (b & 63n);
      case '<': return a < b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '&': return a & b;
      case '^': return a ^ b;
      default: return a | b;
    }
  }

  private isBinop(t: Tok): boolean {
    return PREC[t.t] !== undefined;
  }

  /** primary(token, val, op, noeval): `val` is `token`'s yylval, `op` the token read after it. */
  private primary(token: Tok, val: Tok, op: Tok, noeval: boolean): bigint {
    return this.deeper(() => {
      for (;;) {
        switch (token.t) {
          case '(': {
            const result = this.assignment(op, noeval);
            if (this.last() !== ')') throw this.yyerror("expecting ')'");
            this.lastToken = this.yylex();
            return result;
          }
          case 'num':
            this.lastToken = op;
            return (val as { v: bigint }).v;
          case 'var':
            this.lastToken = op;
            return noeval ? 0n : this.lookup((val as { name: string }).name);
          case '+':
            token = op;
            val = this.yylval;
            op = this.yylex();
            continue;
          case '-': {
            const v = this.yylval;
            return i64(-this.primary(op, v, this.yylex(), noeval));
          }
          case '!': {
            const v = this.yylval;
            return this.primary(op, v, this.yylex(), noeval) === 0n ? 1n : 0n;
          }
          case '~': {
            const v = this.yylval;
            return ~this.primary(op, v, this.yylex(), noeval);
          }
          default:
            throw this.yyerror('expecting primary');
        }
      }
    });
  }

  private binop2(a: bigint, op: string, prec: number, noeval: boolean): bigint {
    return this.deeper(() => {
      for (;;) {
        const token = this.yylex();
        const val = this.yylval;
        let b = this.primary(token, val, this.yylex(), noeval);
        let op2 = this.lastToken;
        if (this.isBinop(op2) && PREC[op2.t] < PREC[op]) {
          b = this.binop2(b, op2.t, PREC[op], noeval);
          op2 = this.lastToken;
        }
        a = noeval ? b : this.doBinop(op, a, b);
        if (!this.isBinop(op2) || PREC[op2.t] >= prec) return a;
        op = op2.t;
      }
    });
  }

  private binop(token: Tok, val: Tok, op: Tok, noeval: boolean): bigint {
    const a = this.primary(token, val, op, noeval);
    const next = this.lastToken;
    if (!this.isBinop(next)) return a;
    return this.binop2(a, next.t, MAX_PREC, noeval);
  }

  private and(token: Tok, val: Tok, op: Tok, noeval: boolean): bigint {
    const a = this.binop(token, val, op, noeval);
    if (this.last() !== '&&') return a;
    const t = this.yylex();
    const v = this.yylval;
    const b = this.deeper(() => this.and(t, v, this.yylex(), noeval || a === 0n));
    return a !== 0n && b !== 0n ? 1n : 0n;
  }

  private or(token: Tok, val: Tok, op: Tok, noeval: boolean): bigint {
    const a = this.and(token, val, op, noeval);
    if (this.last() !== '||') return a;
    const t = this.yylex();
    const v = this.yylval;
    const b = this.deeper(() => this.or(t, v, this.yylex(), noeval || a !== 0n));
    return a !== 0n || b !== 0n ? 1n : 0n;
  }

  private cond(token: Tok, val: Tok, op: Tok, noeval: boolean): bigint {
    const a = this.or(token, val, op, noeval);
    if (this.last() !== '?') return a;
    const b = this.deeper(() => this.assignment(this.yylex(), noeval || a === 0n));
    if (this.last() !== ':') throw this.yyerror("expecting ':'");
    const t = this.yylex();
    const v = this.yylval;
    const c = this.deeper(() => this.cond(t, v, this.yylex(), noeval || a !== 0n));
    return a !== 0n ? b : c;
  }

  /** assignment(var, noeval): `var` the token just read (yylval its value). */
  private assignment(v: Tok, noeval: boolean): bigint {
    const val = this.yylval;
    const op = this.yylex();
    if (v.t !== 'var' || (op.t !== '=' && !COMPOUND.has(op.t))) return this.cond(v, val, op, noeval);
    const result = this.deeper(() => this.assignment(this.yylex(), noeval));
    if (noeval) return result;
    const name = (val as { name: string }).name;
    const value = op.t === '=' ? result : this.doBinop(op.t.slice(0, -1), this.lookup(name), result);
    this.host.setVar(name, String(value));
    return value;
  }
}
