// docker network ls: every network, sorted by name (docker/cli list.go: natural order), with the
// daemon's filters (moby daemon/network/filter.go: driver, id, label, name, scope, type).

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagList, flagString } from '../../args.ts';
import { daemonError, flagError, out } from '../../errors.ts';
import { formatRows, listFormat, type ListForms } from '../../output.ts';
import { badFilterFormat, parseFilterFlags } from '../../filters.ts';
import { daemonText } from '../../../engine/profile.ts';
import type { Network } from '../../../engine/state.ts';
import { allNetworks, isPredefinedName } from '../../../network/store.ts';
import { networkRow } from '../../views/network.ts';
import { naturalCompare } from '../volume/ls.ts';

const HEADERS = { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv4: 'IPV4', IPv6: 'IPV6', Internal: 'INTERNAL', Labels: 'LABELS', CreatedAt: 'CREATED AT' };
const ACCEPTED = ['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type'];

/** filters.MatchKVList for labels: `key` needs the label, `key=value` its value too. */
function labelMatch(n: Network, l: string): boolean {
  const i = l.indexOf('=');
  if (i < 0) return Object.prototype.hasOwnProperty.call(n.labels, l);
  return n.labels[l.slice(0, i)] === l.slice(i + 1);
}

function safeRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return /$^/;
  }
}

/** docker/cli network/formatter.go NewFormat's formats. */
const NETWORK_FORMS: ListForms = {
  table: 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}',
  quiet: '{{.ID}}',
  raw: 'network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n',
  rawQuiet: 'network_id: {{.ID}}',
};

export const networkLs: DockerCommand = {
  spec: {
    path: 'network ls',
    args: { min: 0, max: 0 },
    usage: 'docker network ls [OPTIONS]',
    description: 'List networks',
    flags: [
      { long: 'filter', short: 'f', kind: 'list', help: 'Provide filter values (e.g. "driver=bridge")' },
      { long: 'format', kind: 'string', help: 'Format output using a custom template' },
      { long: 'no-trunc', kind: 'bool', help: 'Do not truncate the output' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only display network IDs' },
    ],
  },
  run(ctx, p) {
    const byKey = parseFilterFlags(flagList(p, 'filter'));
    if ('badFormat' in byKey) return flagError(ctx, badFilterFormat(byKey.badFormat), 'network ls', 'docker network ls [OPTIONS]');
    for (const key of byKey.keys()) if (!ACCEPTED.includes(key)) return daemonError(ctx, daemonText(ctx.profile, `Invalid filter '${key}'`));
    for (const t of byKey.get('type') ?? []) {
      if (t !== 'custom' && t !== 'builtin') return daemonError(ctx, `invalid filter: 'type'='${t}'`);
    }
    const any = (key: string, test: (v: string) => boolean): boolean => {
      const values = byKey.get(key);
      return values === undefined || values.some(test);
    };
    const list = Object.values(allNetworks(ctx.st))
      .filter((n) => any('driver', (v) => n.driver === v))
      .filter((n) => any('name', (v) => safeRegex(v).test(n.name)))
      .filter((n) => any('id', (v) => safeRegex(v).test(n.id)))
      .filter((n) => any('scope', (v) => v === 'local'))
      .filter((n) => any('type', (v) => (v === 'builtin') === isPredefinedName(n.name)))
      .filter((n) => (byKey.get('label') ?? []).every((l) => labelMatch(n, l)))
      .sort((a, b) => naturalCompare(a.name, b.name));
    const trunc = !flagBool(p, 'no-trunc');
    const format = listFormat(flagString(p, 'format'), flagBool(p, 'quiet'), NETWORK_FORMS);
    if (format === NETWORK_FORMS.quiet) {
      out(ctx, list.map((n) => (trunc ? n.id.slice(0, 12) : n.id) + '\n').join(''));
      return 0;
    }
    out(ctx, formatRows(format, list.map((n) => networkRow(n, trunc, ctx.profile)), HEADERS, ctx.profile.client));
    return 0;
  },
};
