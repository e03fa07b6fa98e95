// The nodes of a page that src/pages/page.ts acts on, in document order: fenced and indented code
// (with their info string and text), HTML (comments), and the other nodes that end what a comment
// says of the next block (paragraphs, headings, breaks, definitions). The containers that may
// sit between a comment and its block (lists, list items, quotes) are left out: page.ts passes
// over them.
//
// micromark finds them at its flow level: the document and flow tokenizers, then one pass of
// subtokenizing that puts the flow events in place. The full parse (mdast-util-from-markdown)
// also tokenizes the text of every paragraph and heading and builds a node for each inline
// piece, which cost most of the time of reading a page (~20 ms of the ~70 of a tutorial page,
// every check) and changes nothing here, with two exceptions that send the page to the full
// parse: an inline `<!-- ... -->` (an HTML node inside a paragraph or heading, which may be a
// strata comment) and an info string with a backslash escape or a character reference (which
// the full parse decodes). test/pages/blocks.test.ts checks both ways give the same nodes, on
// generated pages and on every page of the repository.

import { fromMarkdown } from 'mdast-util-from-markdown';
import { parse, preprocess } from 'micromark';
import { subtokenize } from 'micromark-util-subtokenize';

export interface Position {
  start: { line: number; column: number; offset?: number };
  end: { line: number; column: number; offset?: number };
}

/** A node as page.ts reads it (the fields it uses of mdast's nodes). */
export interface BlockNode {
  /** `code`, `html`, or another mdast type (`list`, `listItem`, `blockquote` from mdast only). */
  type: string;
  /** code: the info string's first word (null without one, as mdast has it) */
  lang?: string | null;
  /** code and html: the text, as mdast gives it */
  value?: string;
  position?: Position;
}

/** The shape of micromark's events this file reads. */
interface Token {
  type: string;
  start: { line: number; column: number; offset: number };
  end: { line: number; column: number; offset: number };
  contentType?: string;
}
type Event = ['enter' | 'exit', Token, { sliceSerialize(token: Token): string }];

/** Flow-level tokens that are an mdast node other than code, html and the containers. */
const OTHER = new Set(['content', 'atxHeading', 'setextHeading', 'thematicBreak']);

/** The page's nodes in document order (as mdast's tree walked depth first, containers left out). */
export function pageNodes(text: string): BlockNode[] {
  return plainNodes(text) ?? parsedNodes(text);
}

/** The nodes from micromark's flow level (or the full parse where that is not enough). */
export function parsedNodes(text: string): BlockNode[] {
  const events = parse().document().write(preprocess()(text, undefined, true)) as unknown as Event[];
  subtokenize(events as never);
  return flowNodes(events) ?? mdastNodes(text);
}

/** The nodes of the full parse: mdast's tree walked depth first. */
export function mdastNodes(text: string): BlockNode[] {
  const out: BlockNode[] = [];
  const walk = (node: { children?: unknown[] }): void => {
    for (const child of (node.children ?? []) as (BlockNode & { children?: unknown[] })[]) {
      out.push(child);
      walk(child);
    }
  };
  walk(fromMarkdown(text));
  return out;
}

/** The nodes from the flow-level events, or undefined when the page needs the full parse. */
function flowNodes(events: Event[]): BlockNode[] | undefined {
  const out: BlockNode[] = [];
  const positionOf = (t: Token): Position => ({
    start: { line: t.start.line, column: t.start.column, offset: t.start.offset },
    end: { line: t.end.line, column: t.end.column, offset: t.end.offset },
  });
  // the node being filled: its text parts (data and line endings, as mdast's buffer collects
  // them), and for fenced code whether the opening fence is behind
  let open: { node: BlockNode; parts: string[]; fenced: boolean; afterFence: boolean } | undefined;
  for (const [kind, token, context] of events) {
    const type = token.type;
    if (kind === 'enter') {
      // text that is tokenized further (paragraphs, headings) may hold an inline comment
      if ((token.contentType === 'content' || token.contentType === 'text') && context.sliceSerialize(token).includes('<!--')) return undefined;
      if (type === 'codeFenced' || type === 'codeIndented') {
        const node: BlockNode = { type: 'code', lang: null, value: '', position: positionOf(token) };
        out.push(node);
        open = { node, parts: [], fenced: type === 'codeFenced', afterFence: type === 'codeIndented' };
      } else if (type === 'htmlFlow') {
        const node: BlockNode = { type: 'html', value: '', position: positionOf(token) };
        out.push(node);
        open = { node, parts: [], fenced: false, afterFence: true };
      } else if (OTHER.has(type)) {
        out.push({ type: type === 'content' ? 'paragraph' : type, position: positionOf(token) });
      }
      continue;
    }
    if (!open) continue;
    if (type === 'codeFencedFenceInfo' && !open.afterFence) {
      const info = context.sliceSerialize(token);
      if (/[\\&]/.test(info)) return undefined;
      open.node.lang = info;
    } else if (type === 'codeFencedFence') {
      open.afterFence = true;
    } else if (open.afterFence && (type === 'codeFlowValue' || type === 'htmlFlowData' || type === 'lineEnding')) {
      open.parts.push(context.sliceSerialize(token));
    } else if (type === 'codeFenced' || type === 'codeIndented' || type === 'htmlFlow') {
      const data = open.parts.join('');
      // what mdast-util-from-markdown's onexitcodefenced / onexitcodeindented / onexithtmlflow keep
      open.node.value = type === 'codeFenced' ? data.replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '') : type === 'codeIndented' ? data.replace(/(\r?\n|\r)$/g, '') : data;
      open = undefined;
    }
  }
  return out;
}

// Most pages are plain: top-level paragraphs, `#` headings, fenced code blocks at the margin, HTML
// comments on lines of their own, and quotes of plain paragraphs. For those the nodes are read
// from the lines themselves (micromark, run cold, cost ~11,600 instructions a byte of page: ~190
// M for a tutorial page, a tenth of checking it). Any line this reader is not sure of (indented,
// a list, a tab at its start, another HTML block, a break or setext underline, a fence in a quote, an
// unclosed fence or comment, an inline comment...) sends the page to micromark: the nodes are
// the same either way (test/pages/blocks.test.ts checks the page read from them).

/** A line that may start a block other than a paragraph (or change one): what plainNodes leaves to micromark. */
const NOT_PLAIN = /^(?:[ \t]|[-+*](?:[ \t]|$)|([-*_])(?:[ \t]*\1){2,}[ \t]*$|=+[ \t]*$|-+[ \t]*$|[0-9]{1,9}[.)](?:[ \t]|$)|[<>#]|```|~~~)/;
/** A fenced code block's opening line at the margin: the fence and the rest. */
const FENCE = /^(`{3,}|~{3,})(.*)$/;
/** A closing fence at the margin (its length is checked apart). */
const CLOSING = /^(`{3,}|~{3,})[ \t]*$/;

/** The nodes of a plain page (see above), or undefined when micromark must read it. */
export function plainNodes(text: string): BlockNode[] | undefined {
  if (/[\r\0\uFEFF]/.test(text)) return undefined;
  const lines = text.split('\n');
  // (a final newline ends the last line; no empty line after it)
  const count = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const offsets: number[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    offsets.push(offset);
    offset += lines[i].length + 1;
  }
  const span = (from: number, to: number): Position => ({
    start: { line: from + 1, column: 1, offset: offsets[from] },
    end: { line: to + 1, column: lines[to].length + 1, offset: offsets[to] + lines[to].length },
  });
  const out: BlockNode[] = [];
  /** The paragraph being read: top level or in a quote, its node (its end moves with each line). */
  let para: { node: BlockNode; start: number; quoted: boolean } | undefined;
  /** In a quote (the line before was one of its lines). */
  let inQuote = false;
  const paragraphLine = (i: number, line: string, quoted: boolean): boolean => {
    // an inline comment may be a strata comment: micromark's reading (blocks.ts flowNodes) sends
    // such a page to the full parse
    if (line.includes('<!--')) return false;
    if (para && para.quoted === quoted) para.node.position = span(para.start, i);
    else {
      para = { node: { type: 'paragraph', position: span(i, i) }, start: i, quoted };
      out.push(para.node);
    }
    return true;
  };
  for (let i = 0; i < count; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      para = undefined;
      inQuote = false;
      continue;
    }
    if (line.startsWith('>')) {
      // a quote's line: `>`, an optional space, then paragraph text or nothing
      const inner = line.startsWith('> ') ? line.slice(2) : line.slice(1);
      if (!inQuote) para = undefined;
      inQuote = true;
      if (inner.trim() === '') {
        para = undefined;
        continue;
      }
      if (NOT_PLAIN.test(inner) || !paragraphLine(i, inner, true)) return undefined;
      continue;
    }
    // a line after a quote's paragraph would be its lazy continuation
    if (inQuote && para) return undefined;
    inQuote = false;
    if (line.startsWith('<!--')) {
      // an HTML comment block: to the end of the first line holding `-->` after the opener
      const first = line.indexOf('-->');
      if (first >= 0 && first < 4) return undefined;
      let end = i;
      while (end < count && !lines[end].includes('-->', end === i ? 4 : 0)) end++;
      if (end === count) return undefined;
      para = undefined;
      out.push({ type: 'html', value: lines.slice(i, end + 1).join('\n'), position: span(i, end) });
      i = end;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const [, marks, rest] = fence;
      if ((marks[0] === '`' && rest.includes('`')) || /[\\&]/.test(rest)) return undefined;
      let end = i + 1;
      for (; end < count; end++) {
        const close = CLOSING.exec(lines[end]);
        if (close && close[1][0] === marks[0] && close[1].length >= marks.length) break;
        // an indented closing fence, which micromark also takes
        if (/^ {1,3}(`{3,}|~{3,})[ \t]*$/.test(lines[end])) return undefined;
      }
      if (end === count) return undefined;
      para = undefined;
      const info = rest.trim();
      const lang = info === '' ? null : info.split(/[ \t]/)[0];
      out.push({ type: 'code', lang, value: lines.slice(i + 1, end).join('\n'), position: span(i, end) });
      i = end;
      continue;
    }
    if (/^#{1,6}(?: |$)/.test(line)) {
      if (line.includes('<!--')) return undefined;
      para = undefined;
      out.push({ type: 'atxHeading', position: span(i, i) });
      continue;
    }
    if (NOT_PLAIN.test(line) || !paragraphLine(i, line, false)) return undefined;
  }
  return out;
}
