// docker logs: what the main process printed (every run of it, across restarts), each line on
// the stream it was written to; --tail/-n keeps the last N lines; -f follows a process that ends
// by itself on strata's clock to its end.

import { logsRefusal } from '../../../container/unfollowed.ts';
import type { DockerCommand } from '../../command.ts';
import { flagBool, flagString } from '../../args.ts';
import { daemonError, errOut, noSuchText, refusal } from '../../errors.ts';
import { untilEnd } from './wait.ts';
import { peekFindContainer } from '../../../container/lookup.ts';
import { logLines, serverLogLines, unknownWords } from '../../../container/server-log.ts';

/** The log as entries (container/server-log.ts logLines; compose logs reads it by this name too). */
export const lines = logLines;

export const logs: DockerCommand = {
  spec: {
    path: 'logs',
    args: { min: 1, max: 1 },
    usage: 'docker logs [OPTIONS] CONTAINER',
    description: 'Fetch the logs of a container',
    flags: [
      { long: 'tail', short: 'n', kind: 'string', help: 'Number of lines to show from the end of the logs' },
      { long: 'follow', short: 'f', kind: 'bool', help: 'Follow log output' },
      { long: 'timestamps', short: 't', kind: 'bool', help: 'Show timestamps', refuse: 'there is no clock' },
      { long: 'since', kind: 'string', help: 'Show logs since timestamp', refuse: 'there is no clock' },
      { long: 'until', kind: 'string', help: 'Show logs before a timestamp', refuse: 'there is no clock' },
      { long: 'details', kind: 'bool', help: 'Show extra details provided to logs', refuse: 'not yet simulated' },
    ],
  },
  run(ctx, p) {
    const c = peekFindContainer(ctx.st, p.args[0] ?? '', { unfollowed: 'allow' });
    if (!c) {
      errOut(ctx, noSuchText(ctx, 'container', p.args[0] ?? '') + '\n');
      return 1;
    }
    if (c.unfollowed !== undefined) throw logsRefusal(c);
    // daemon/logs.go: only drivers with a reader (json-file, local) can be read back (recorded: core/log-driver).
    if (c.hostConfig.LogConfig?.Type === 'none') return daemonError(ctx, 'configured logging driver does not support reading');
    let all = serverLogLines(ctx.st, c, lines(c.logs, c.state.status === 'running'));
    const tail = flagString(p, 'tail');
    if (tail !== undefined && tail !== 'all') {
      const n = Number(tail);
      if (Number.isInteger(n) && n >= 0) all = n === 0 ? [] : all.slice(-n);
    }
    // -f: what is there (after --tail), then what the process prints until it ends. One whose
    // main process sleeps on strata's clock (a finite loop) is followed to its end, as docker
    // wait does; a stopped one's log ends at once; one that never ends by itself is refused.
    if (flagBool(p, 'follow') && c.state.status === 'running') {
      if (c.wakeAt === undefined || !ctx.advanceTo) {
        return refusal(ctx, `strata does not simulate \`--follow\` of a running container that does not end by itself (${p.args[0]} would print until it is stopped)`);
      }
      const seen = serverLogLines(ctx.st, c, lines(c.logs, true)).length;
      const now = untilEnd(ctx, c.id, `following ${p.args[0]}'s log`, 'docker logs -f would print until it ends') ?? c;
      if (now.state.status === 'running') {
        return refusal(ctx, `strata does not simulate \`--follow\` of a running container that does not end by itself (${p.args[0]} would print until it is stopped)`);
      }
      // (the entries logged meanwhile: those after the ones there were, which come first again)
      all = [...all, ...serverLogLines(ctx.st, now, lines(now.logs, false)).slice(seen)];
    }
    // a line of a real server's log strata does not know (container/server-log.ts): refused by
    // name, unless it goes where nothing reads it (2>/dev/null) and no --tail counts it (one
    // entry here may stand for several real lines)
    const counted = tail !== undefined && tail !== 'all';
    const unknown = all.filter((l) => l.unknown !== undefined && (counted || !(l.stream === 'stderr' && ctx.io.stderrDiscarded === true)));
    if (unknown.length > 0) {
      const words = unknownWords(unknown);
      return refusal(ctx, `strata does not simulate what \`docker logs ${p.args[0]}\` prints here: ${words}`);
    }
    for (const l of all) if (l.unknown === undefined) (l.stream === 'stdout' ? ctx.io.stdout : ctx.io.stderr)(l.data);
    return 0;
  },
};
