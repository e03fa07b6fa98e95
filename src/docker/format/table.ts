// Go's text/tabwriter (docker/cli's copy, which measures cells with go-runewidth) and docker/cli's
// formatter.Context: `--format` rendering of ls-style rows, with `table` headers.

import {
  DOCKER_FUNCS,
  HEADER_FUNCS,
  Template,
  TemplateError,
  parseDockerFormat,
  type ExecOptions,
} from './template.ts';
import { type GoMap, withMethods } from './value.ts';
import { stringWidth } from './display.ts';

// ---------------------------------------------------------------------------------------------
// tabwriter

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  /** Force right-alignment of cell content. */
  alignRight?: boolean;
  /** Handle empty columns terminated entirely by '\v' as if they were not there. */
  discardEmptyColumns?: boolean;
  /** Always pad leading empty cells with tabs. */
  tabIndent?: boolean;
  /** Print '|' between columns. */
  debug?: boolean;
  /** Cell width function; go-runewidth's StringWidth by default (Go's own tabwriter counts runes). */
  width?: (text: string) => number;
}

/** tabwriter.NewWriter(out, 10, 1, 3, ' ', 0), as docker/cli's formatter uses. */
export const DOCKER_TABLE: TabWriterOptions = { minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' };

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

/**
 * Run `text` through a tabwriter and flush it.  Cells are terminated by '\t' (or '\v'); lines by
 * '\n' (or '\f', which also flushes).  The last cell of a line is not part of a column and is
 * not padded; a column block ends at the first line that lacks that column.
 */
export function tabwrite(text: string, options: TabWriterOptions = DOCKER_TABLE): string {
  const opts = { ...options };
  if (opts.padchar === '\t') opts.alignRight = false;
  const widthOf = opts.width ?? stringWidth;
  let out = '';
  let lines: Cell[][] = [[]];
  let cell = '';
  let widths: number[] = [];

  const writePadding = (textw: number, cellw: number, useTabs: boolean): void => {
    if (opts.padchar === '\t' || useTabs) {
      if (opts.tabwidth === 0) return;
      cellw = Math.ceil(cellw / opts.tabwidth) * opts.tabwidth;
      const n = cellw - textw;
      out += '\t'.repeat(Math.ceil(n / opts.tabwidth));
      return;
    }
    out += opts.padchar.repeat(Math.max(cellw - textw, 0));
  };

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      let useTabs = opts.tabIndent === true;
      line.forEach((c, j) => {
        if (j > 0 && opts.debug) out += '|';
        if (c.text.length === 0) {
          if (j < widths.length) writePadding(c.width, widths[j], useTabs);
        } else {
          useTabs = false;
          if (!opts.alignRight) {
            out += c.text;
            if (j < widths.length) writePadding(c.width, widths[j], false);
          } else {
            if (j < widths.length) writePadding(c.width, widths[j], false);
            out += c.text;
          }
        }
      });
      if (i + 1 === lines.length) {
        out += cell; // last buffered line: write any outstanding partial cell
      } else {
        out += '\n';
      }
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = opts.minwidth;
      let discardable = true;
      for (; t < line1; t++) {
        const line = lines[t];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + opts.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && opts.discardEmptyColumns) width = 0;
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };

  const flush = (): void => {
    if (cell.length > 0) terminateCell(false);
    format(0, lines.length);
    lines = [[]];
    cell = '';
    widths = [];
  };

  const terminateCell = (htab: boolean): number => {
    const line = lines[lines.length - 1];
    line.push({ text: cell, width: widthOf(cell), htab });
    cell = '';
    return line.length;
  };

  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
      cell += text.slice(start, i);
      start = i + 1;
      const ncells = terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        lines.push([]);
        if (ch === '\f' || ncells === 1) {
          flush();
          if (ch === '\f' && opts.debug) out += '---\n';
        }
      }
    }
  }
  cell += text.slice(start);
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------
// docker/cli formatter.Context

/**
 * docker's SubHeaderContext: a map[string]string of column headers with a `Label` method
 * (`{{.Label "com.example.some-label"}}` heads its column with `some label`).
 */
export function headerContext(headers: Record<string, string>): GoMap {
  const map: GoMap = new Map(Object.entries(headers));
  return withMethods(map, {
    Label: (name: string): string => {
      const parts = name.split('.');
      return parts[parts.length - 1].replace(/[-_]/g, ' ');
    },
  });
}

function parseFormat(template: string): Template {
  try {
    return Template.parse(template, DOCKER_FUNCS);
  } catch (e) {
    throw new TemplateError('template parsing error: ' + (e as Error).message);
  }
}

/**
 * docker/cli formatter.Context.Write: execute the format for each row, each followed by '\n'.
 * With the `table` prefix, the header line comes first (the template executed with docker's
 * HeaderFunctions against the headers map, so `{{.ID}}` prints headers.ID; a field with no
 * header prints `<no value>` exactly as docker does) and everything goes through the tabwriter.
 * An execution error throws TemplateError `template parsing error: template: …` and, like
 * docker, nothing is printed.
 */
export function renderRows(
  format: string,
  rows: readonly unknown[],
  headers: Record<string, string> = {},
  width: (text: string) => number = stringWidth,
  jsonShortcut = true,
  options: ExecOptions = {},
): string {
  const { table, template } = parseDockerFormat(format, jsonShortcut);
  const tmpl = parseFormat(template);
  let body = '';
  for (const row of rows) {
    try {
      body += tmpl.execute(row, options);
    } catch (e) {
      if (e instanceof TemplateError) throw new TemplateError('template parsing error: ' + e.message);
      throw e;
    }
    body += '\n';
  }
  if (!table) return body;
  let header: string;
  try {
    header = tmpl.withFuncs(HEADER_FUNCS).execute(headerContext(headers), options);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    header = e.partial; // docker ignores the header's execution error
  }
  return tabwrite(header + '\n' + body, { ...DOCKER_TABLE, width });
}

/** `--quiet` listings: one value per line (docker's `{{.ID}}` quiet format, no header). */
export function renderQuiet(values: readonly string[]): string {
  return values.map((v) => v + '\n').join('');
}
