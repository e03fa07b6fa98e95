// docker history: one row per build step, newest first. Row IDs come from the parent chain
// (legacy builder steps and commits have parents), so BuildKit builds show `<missing>` for all
// but the newest row.

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagString } from '../../args.ts';
import { errOut, out, refusal } from '../../errors.ts';
import { holdsReal } from '../../../image/real.ts';
import { formatRows } from '../../output.ts';
import { humanDuration, humanSizeWithPrecision } from '../../format/units.ts';
import { asFormatterContext } from '../../format/json.ts';
import { rfc3339 } from '../../views/time.ts';
import { findImage, historyIds, noSuchImage } from '../../../image/store.ts';
import { goType, type GoValue } from '../../format/value.ts';
import { ellipsis } from '../../format/display.ts';

const HEADERS = { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' };

export const history: DockerCommand = {
  spec: {
    path: 'history',
    args: { min: 1, max: 1 },
    usage: 'docker history [OPTIONS] IMAGE',
    description: 'Show the history of an image',
    flags: [
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only show image IDs' },
      { long: 'format', kind: 'string', help: 'Format output using a custom template' },
      { long: 'no-trunc', kind: 'bool', help: "Don't truncate output" },
      { long: 'human', short: 'H', kind: 'bool', help: 'Print sizes and dates in human readable format' },
    ],
  },
  run(ctx, p) {
    const image = findImage(ctx.st, p.args[0] ?? '');
    if (!image) {
      errOut(ctx, `Error response from daemon: ${noSuchImage(p.args[0] ?? '')}\n`);
      return 1;
    }
    // A pulled catalog image is the real one (image/real.ts): its build steps, their dates and
    // its layers' sizes are the real image's, which strata does not hold (its history here is
    // the stand-in's). An image built on one shows the real image's steps below its own.
    const real = holdsReal(ctx.st, image);
    if (real !== undefined) return refusal(ctx, `strata does not simulate \`docker history\` of the real ${real.ref} or of an image built on it: its build steps and its layers' sizes are not known (catalog/README.md)`);
    const noTrunc = flagBool(p, 'no-trunc');
    // --human=false prints sizes as plain byte counts.
    const human = p.flags.human !== false;
    const ids = historyIds(ctx.st, image);
    const rowId = (id: string | undefined): string => (id === undefined ? '<missing>' : noTrunc ? `sha256:${id}` : id.slice(0, 12));
    const rows = [...image.history].reverse().map((h, i): GoValue => asFormatterContext(goType({
      ID: rowId(ids[i]),
      // historyContext: CreatedAt is RFC 3339; CreatedSince how long ago, or CreatedAt with -H=false
      CreatedSince: human ? `${humanDuration(ctx.st.clock - h.created)} ago` : rfc3339(h.created),
      CreatedAt: rfc3339(h.created),
      // docker/cli formatter_history.go CreatedBy: tabs become spaces, then the ellipsis (a
      // continuation line indented with a tab: builds/realworld-postgres-style).
      CreatedBy: noTrunc ? h.createdBy.replace(/\t/g, ' ') : ellipsis(h.createdBy.replace(/\t/g, ' '), 45),
      Size: human ? humanSizeWithPrecision(h.size, 3) : String(h.size),
      Comment: h.comment,
    }, '*image.historyContext')));
    if (flagBool(p, 'quiet')) {
      out(ctx, rows.map((r) => (r as { ID: string }).ID + '\n').join(''));
      return 0;
    }
    // NewHistoryFormat: without -H the table shows CREATED AT
    const format = flagString(p, 'format') ?? `table {{.ID}}\t{{.${human ? 'CreatedSince' : 'CreatedAt'}}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}`;
    out(ctx, formatRows(format, rows, HEADERS, ctx.profile.client));
    return 0;
  },
};
