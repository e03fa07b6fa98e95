// formatter.Print (cmd/formatter/formatter.go at v2.26.1), the --format of `compose ls` and
// `compose images`: the value, lower-cased, is `table`, `pretty` or empty (the table), `json`
// (one JSON array) or `{{json.}}` (TemplateLegacyJSON, cmd/formatter/consts.go: one JSON object a
// line); anything else, a Go template too, is an error (api.ErrParsingFailed). Recorded:
// compose/sweep-ls-images-format.

import { quote } from '../../docker/format/fmt.ts';
import { ComposeError } from '../project/env.ts';

export type PrintFormat = 'table' | 'json' | 'json-lines';

export function printFormat(format: string): PrintFormat {
  switch (format.toLowerCase()) {
    case 'table':
    case 'pretty':
    case '':
      return 'table';
    case 'json':
      return 'json';
    case '{{json.}}':
      return 'json-lines';
  }
  throw new ComposeError(`format value ${quote(format)} could not be parsed: parsing failed`, 1);
}

/** The objects (each already JSON) as the format prints them: an array, or one a line. */
export function printJson(objects: readonly string[], format: 'json' | 'json-lines'): string {
  return format === 'json' ? `[${objects.join(',')}]\n` : objects.map((o) => `${o}\n`).join('');
}
