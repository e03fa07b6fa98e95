// `docker volume inspect` and the `docker volume ls` row context.

import type { Volume } from '../../engine/state.ts';
import type { EngineProfile } from '../../engine/profile.ts';
import { NIL_MAP, NIL_PTR, goType, type GoValue, stringMap } from '../format/value.ts';
import { omitEmpty } from './omitempty.ts';
import { asFormatterContext } from '../format/json.ts';
import { rfc3339 } from './time.ts';
import { DATA_ROOT } from '../../engine/data-root.ts';

/**
 * The client's volume struct (api/types volume.go): Status and UsageData are omitempty, so the
 * local driver's volumes print `map[]` / `<nil>` for them and leave them out of the JSON; the
 * 28.2 client's volume.Volume starts with a ClusterVolume pointer. The type name shows in
 * `docker volume inspect` template errors. Labels and Options: nil prints `null`, an empty map
 * `{}`: the 20.10 client's `volume create` sends empty maps, the 28.2 client omits them (see
 * commands/volume/create.ts).
 */
export function inspectVolume(v: Volume, profile: EngineProfile): GoValue {
  const is28 = profile.client === '28.2';
  const view = {
    ...(is28 ? { ClusterVolume: NIL_PTR } : {}),
    CreatedAt: rfc3339(v.createdAt),
    Driver: v.driver,
    Labels: stringMap(v.labels),
    Mountpoint: `${DATA_ROOT}/volumes/${v.name}/_data`,
    Name: v.name,
    Options: stringMap(v.options),
    Scope: 'local',
    Status: NIL_MAP,
    UsageData: NIL_PTR,
  };
  return goType(omitEmpty(view, ['ClusterVolume', 'Status', 'UsageData']), is28 ? 'volume.Volume' : 'types.Volume');
}

/**
 * Row for `docker volume ls --format` (docker/cli formatter.volumeContext). `{{json .}}`
 * marshals the context's methods as a map, so keys come sorted; the 28.2 CLI has three more.
 */
export function volumeRow(v: Volume, profile: EngineProfile): GoValue {
  const labels = v.labels ?? {};
  const row = {
    Name: v.name,
    Driver: v.driver,
    Scope: 'local',
    Mountpoint: `${DATA_ROOT}/volumes/${v.name}/_data`,
    Labels: Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`)
      .join(','),
    Links: 'N/A',
    Size: 'N/A',
    Label: (key: string) => labels[key] ?? '',
  };
  // 28.2's volumeContext also has the cluster volume's Group, Availability and Status (N/A here)
  if (profile.client === '28.2') Object.assign(row, { Availability: 'N/A', Group: 'N/A', Status: 'N/A' });
  return asFormatterContext(goType(row, '*formatter.volumeContext'));
}
