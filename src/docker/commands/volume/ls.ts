// docker volume ls: sorted by name (natural order), filters dangling/name/label/driver.

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagList, flagString } from '../../args.ts';
import { daemonError, flagError, out } from '../../errors.ts';
import { badFilterFormat, filterBool, labelsMatch, parseFilterFlags, type FilterArgs } from '../../filters.ts';
import { formatRows, listFormat, type ListForms } from '../../output.ts';
import { volumeRow } from '../../views/volume.ts';
import { volumeUsers } from '../../../volume/store.ts';
import type { EngineState, Volume } from '../../../engine/state.ts';
import { daemonText, type EngineProfile } from '../../../engine/profile.ts';
import { tablePeekValues } from '../../../engine/table.ts';

/** Filters the daemon accepts for `volume ls` and for `volume prune`. */
export const LS_FILTERS = ['dangling', 'name', 'driver', 'label'];
export const PRUNE_FILTERS = ['label', 'label!'];

const HEADERS = { Name: 'VOLUME NAME', Driver: 'DRIVER', Scope: 'SCOPE', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Links: 'LINKS', Size: 'SIZE', Group: 'GROUP', Availability: 'AVAILABILITY', Status: 'STATUS' };

export type VolumeFilter = (v: Volume) => boolean;

/**
 * The daemon's volume filters (moby volume/service/convert.go filtersToBy, v20.10.24 and v26.1.5):
 * every key is checked first (Validate), then values of one key OR together (label ANDs, label!
 * leaves out what matches all its values: recorded, mounts/volume-prune-label-not), keys AND together.
 */
export function volumeFilters(st: EngineState, profile: EngineProfile, args: FilterArgs, accepted = LS_FILTERS): VolumeFilter | string {
  for (const key of args.keys()) if (!accepted.includes(key)) return daemonText(profile, `Invalid filter '${key}'`);
  const checks: VolumeFilter[] = [];
  for (const [key, values] of args) {
    switch (key) {
      case 'dangling': {
        const dangling = filterBool(profile, key, values, { trueWords: ['true', '1'], falseWords: ['false', '0'] });
        if (typeof dangling !== 'boolean') return dangling.error;
        checks.push((v) => (volumeUsers(st, v.name).length === 0) === dangling);
        break;
      }
      case 'name':
        checks.push((v) => values.some((n) => v.name === n || safeRegex(n).test(v.name)));
        break;
      case 'driver':
        checks.push((v) => values.includes(v.driver));
        break;
      case 'label':
        checks.push((v) => labelsMatch(values, v.labels));
        break;
      case 'label!':
        // left out only when every label! value matches (byLabelFilter's MatchKVList)
        checks.push((v) => !labelsMatch(values, v.labels));
        break;
      default:
        // a key the caller accepts and reads itself (volume prune's `all`)
        break;
    }
  }
  return (v) => checks.every((c) => c(v));
}

function safeRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return /$^/;
  }
}

/**
 * The CLI sorts volumes in natural order (docker/cli's volume ls uses sortorder.NaturalLess):
 * runs of digits compare as numbers (`vol2` before `vol10`), a digit sorts before any other
 * character, everything else compares by bytes (volume names are ASCII). Equal numbers with
 * more leading zeros sort later. Recorded: core/export-missing-dir-volume-order-workdir.
 */
export function naturalCompare(a: string, b: string): number {
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const da = isDigit(a[i]);
    const db = isDigit(b[j]);
    if (da !== db) return da ? -1 : 1;
    if (!da) {
      if (a[i] !== b[j]) return a[i] < b[j] ? -1 : 1;
      i++;
      j++;
      continue;
    }
    const za = i;
    const zb = j;
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    const sa = i;
    const sb = j;
    while (isDigit(a[i])) i++;
    while (isDigit(b[j])) j++;
    const na = a.slice(sa, i);
    const nb = b.slice(sb, j);
    if (na.length !== nb.length) return na.length - nb.length;
    if (na !== nb) return na < nb ? -1 : 1;
    if (sa - za !== sb - zb) return sa - za - (sb - zb);
  }
  return (a.length - i) - (b.length - j);
}

/** docker/cli formatter/volume.go NewVolumeFormat's formats. */
const VOLUME_FORMS: ListForms = {
  table: 'table {{.Driver}}\t{{.Name}}',
  quiet: '{{.Name}}',
  raw: 'name: {{.Name}}\\ndriver: {{.Driver}}\\n',
  rawQuiet: 'name: {{.Name}}',
};

export const volumeLs: DockerCommand = {
  spec: {
    path: 'volume ls',
    args: { min: 0, max: 0 },
    usage: 'docker volume ls [OPTIONS]',
    description: 'List volumes',
    flags: [
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only display volume names' },
      { long: 'format', kind: 'string', help: 'Format output using a custom template' },
      { long: 'filter', short: 'f', kind: 'list', help: "Provide filter values (e.g. 'dangling=true')" },
    ],
  },
  run(ctx, p) {
    const args = parseFilterFlags(flagList(p, 'filter'));
    if ('badFormat' in args) return flagError(ctx, badFilterFormat(args.badFormat), 'volume ls', 'docker volume ls [OPTIONS]');
    const filter = volumeFilters(ctx.st, ctx.profile, args);
    if (typeof filter === 'string') return daemonError(ctx, filter);
    // read as they stand (tablePeekValues): a listing drafts no volume
    const list = tablePeekValues(ctx.st.volumes)
      .filter(filter)
      .sort((a, b) => naturalCompare(a.name, b.name));
    const format = listFormat(flagString(p, 'format'), flagBool(p, 'quiet'), VOLUME_FORMS);
    out(ctx, formatRows(format, list.map((v) => volumeRow(v, ctx.profile)), HEADERS, ctx.profile.client));
    return 0;
  },
};
