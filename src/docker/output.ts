// The bridge between commands and the format layer: `--format` for one object per line,
// tables for ls-style commands, and inspect's indented JSON.

import { NotSimulated } from '../engine/not-simulated.ts';
import { executeTemplate, type ExecOptions } from './format/template.ts';
import { renderRows } from './format/table.ts';
import { cellWidth } from './format/display.ts';
import { apiJson, indentJson } from './format/json.ts';
import type { GoValue } from './format/value.ts';

/** A --format failure, its message as the CLI prints it (`template parsing error: ...`). */
export class FormatError extends Error {}

/** Execute a --format template against one value; each object gets its own line. */
export function formatValue(format: string, value: GoValue): string {
  // docker inspect parses the template as given: no `table` prefix, and `\n` stays a
  // backslash-n for Go's string literals to interpret (unlike ls-style --format).
  try {
    return executeTemplate(format, value) + '\n';
  } catch (e) {
    if (e instanceof NotSimulated) throw e;
    throw new FormatError(`template parsing error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The forms of one list command's output: docker/cli's default table, quiet and raw formats. */
export interface ListForms {
  table: string;
  quiet: string;
  raw: string;
  rawQuiet: string;
}

/**
 * docker/cli's NewVolumeFormat, network NewFormat and NewImageFormat: `table` (also the default
 * for no or an empty --format) is the command's table or, with -q, its quiet format; `raw` its
 * `key: value` form; any other format runs as given, -q or not (recorded: inspect/list-format-keys).
 */
export function listFormat(given: string | undefined, quiet: boolean, forms: ListForms): string {
  switch (given ?? '') {
    case '':
    case 'table':
      return quiet ? forms.quiet : forms.table;
    case 'raw':
      return quiet ? forms.rawQuiet : forms.raw;
    default:
      return given!;
  }
}

/** The text/template each client was built with (ExecOptions.legacyGo: Go 1.19 for 20.10). */
export function templateOptions(client: '20.10' | '28.2'): ExecOptions {
  return client === '20.10' ? { legacyGo: true } : {};
}

/**
 * Whether `--format json` is the list formatters' JSON shortcut (docker/cli formatter.JSONFormat,
 * from 23.0): the 20.10 client runs the word as a template (recorded: inspect/format-json-rows).
 */
export function jsonShortcut(client: '20.10' | '28.2'): boolean {
  return client !== '20.10';
}

/**
 * Rows of an ls-style command; `table` formats get a header and tab alignment, cells measured
 * the way the given client's tabwriter measures them (display.ts cellWidth).
 */
export function formatRows(format: string, rows: GoValue[], headers: Record<string, string>, client: '20.10' | '28.2'): string {
  try {
    return renderRows(format, rows, headers, cellWidth(client), jsonShortcut(client), templateOptions(client));
  } catch (e) {
    if (e instanceof NotSimulated) throw e;
    throw new FormatError(e instanceof Error ? e.message : String(e));
  }
}

/** `docker inspect` without --format: a JSON array indented with 4 spaces. */
export function inspectJson(values: GoValue[]): string {
  if (values.length === 0) return '[]\n';
  // The daemon encodes without HTML escaping; the CLI only re-indents what it sent.
  return indentJson(apiJson(values)) + '\n';
}
