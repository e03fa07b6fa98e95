// `docker network inspect` (the daemon's NetworkResource, fields in Go order) and the rows of
// `docker network ls` (docker/cli cli/command/network/formatter.go networkContext).

import { omitEmpty } from './omitempty.ts';
import type { EngineState, Network } from '../../engine/state.ts';
import type { EngineProfile } from '../../engine/profile.ts';
import { NIL_MAP, NIL_SLICE, goType, type GoValue, stringMap } from '../format/value.ts';
import { apiJson, asFormatterContext, ownMarshalJSON } from '../format/json.ts';
import { goTimeString, rfc3339 } from './time.ts';
import { activeEndpoints } from '../../network/store.ts';

/** IPAM.Config: the subnet, with the gateway when the daemon picked the pool or one was given. */
function ipamConfig(n: Network, profile: EngineProfile): GoValue {
  // host and none have no IPAM config: 20.10 sends [], 26.1 null (recorded: network/network-commands).
  if (n.subnet === '') return profile.client === '20.10' ? [] : NIL_SLICE;
  const entry: Record<string, string> = { Subnet: n.subnet };
  if (n.showGateway) entry['Gateway'] = n.gateway;
  const view = { Subnet: n.subnet, IPRange: '', Gateway: n.showGateway ? n.gateway : '', AuxiliaryAddresses: NIL_MAP };
  Object.defineProperty(view, 'MarshalJSON', { value: ownMarshalJSON(() => apiJson(entry)), enumerable: false });
  return [view];
}

export function inspectNetwork(st: EngineState, n: Network, profile: EngineProfile): GoValue {
  const containers = new Map<string, GoValue>();
  for (const c of activeEndpoints(st, n)) {
    const ep = c.networks![n.name];
    containers.set(c.id, {
      Name: c.name,
      EndpointID: ep.endpointId,
      MacAddress: ep.mac,
      IPv4Address: ep.ip === '' ? '' : `${ep.ip}/${ep.prefixLen}`,
      IPv6Address: '',
    });
  }
  const builtinNoIpam = n.subnet === '';
  // api/types/network Inspect names the ID field ID (json "Id"): a template's `.Id` fails on the
  // client's struct and runs again on the raw JSON (recorded: inspect/template-go-field-names)
  return omitEmpty({
    Name: n.name,
    ID: n.id,
    Created: rfc3339(n.created, true),
    Scope: 'local',
    Driver: n.driver,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: builtinNoIpam ? NIL_MAP : new Map(), Config: ipamConfig(n, profile) },
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containers,
    Options: stringMap(n.options),
    Labels: stringMap(n.labels),
  }, [], [], { ID: 'Id' });
}

/** One row of `docker network ls`. */
export function networkRow(n: Network, trunc: boolean, profile: EngineProfile): GoValue {
  const row: Record<string, GoValue> = {
    ID: trunc ? n.id.slice(0, 12) : n.id,
    Name: n.name,
    Driver: n.driver,
    Scope: 'local',
    // 28.2 NetworkContext.IPv4: EnableIPv4, which an API 1.45 daemon does not send (false)
    ...(profile.client === '28.2' ? { IPv4: 'false' } : {}),
    IPv6: 'false',
    Internal: String(n.internal),
    Labels: Object.entries(n.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    Label: (name: string) => n.labels[name] ?? '',
    CreatedAt: goTimeString(n.created),
  };
  return asFormatterContext(goType(row, '*network.networkContext'));
}
