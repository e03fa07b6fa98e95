// docker volume ls: sorted by name (natural order), filters dangling/name/label/driver.

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagList, flagString } from '../../args.ts';
import { daemonError, out } from '../../errors.ts';
import { formatRows } from '../../output.ts';
import { volumeRow } from '../../views/volume.ts';
import { volumeUsers } from '../../../volume/store.ts';
import type { EngineState, Volume } from '../../../engine/state.ts';

const HEADERS = { Name: 'VOLUME NAME', Driver: 'DRIVER', Scope: 'SCOPE', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Links: 'LINKS', Size: 'SIZE' };

export type VolumeFilter = (v: Volume) => boolean;

/** Daemon filters: values of one key OR together (label ANDs), keys AND together. */
export function volumeFilters(st: EngineState, filters: string[]): VolumeFilter | string {
  const byKey = new Map<string, string[]>();
  for (const f of filters) {
    const i = f.indexOf('=');
    const k = i >= 0 ? f.slice(0, i) : f;
    byKey.set(k, [...(byKey.get(k) ?? []), i >= 0 ? f.slice(i + 1) : '']);
  }
  const checks: VolumeFilter[] = [];
  for (const [key, values] of byKey) {
    switch (key) {
      case 'dangling': {
        const want = values.map((v) => (['true', '1'].includes(v) ? true : ['false', '0'].includes(v) ? false : undefined));
        if (want.some((w) => w === undefined)) return `invalid filter 'dangling=[${values.join(' ')}]'`;
        checks.push((v) => want.includes(volumeUsers(st, v.name).length === 0));
        break;
      }
      case 'name':
        checks.push((v) => values.some((n) => v.name === n || safeRegex(n).test(v.name)));
        break;
      case 'driver':
        checks.push((v) => values.includes(v.driver));
        break;
      case 'label':
        checks.push((v) =>
          values.every((l) => {
            const i = l.indexOf('=');
            const labels = v.labels ?? {};
            if (i < 0) return Object.prototype.hasOwnProperty.call(labels, l);
            return labels[l.slice(0, i)] === l.slice(i + 1);
          }),
        );
        break;
      default:
        return `invalid filter '${key}'`;
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

function naturalLess(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' }) || (a < b ? -1 : a > b ? 1 : 0);
}

export const volumeLs: DockerCommand = {
  spec: {
    path: 'volume ls',
    usage: 'docker volume ls [OPTIONS]',
    description: 'List volumes',
    flags: [
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only display volume names' },
      { long: 'format', kind: 'string', help: 'Format output using a custom template' },
      { long: 'filter', short: 'f', kind: 'list', help: "Provide filter values (e.g. 'dangling=true')" },
    ],
  },
  run(ctx, p) {
    const filter = volumeFilters(ctx.st, flagList(p, 'filter'));
    if (typeof filter === 'string') return daemonError(ctx, filter);
    const list = Object.values(ctx.st.volumes)
      .filter(filter)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    void naturalLess;
    const quiet = flagBool(p, 'quiet');
    const format = flagString(p, 'format') ?? (quiet ? '{{.Name}}' : 'table {{.Driver}}\t{{.Name}}');
    out(ctx, formatRows(quiet ? '{{.Name}}' : format, list.map(volumeRow), HEADERS));
    return 0;
  },
};
