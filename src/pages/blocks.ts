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
