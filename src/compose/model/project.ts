// The compose model once loaded and normalized: compose-go's types.Project with the parts strata
// simulates, as the project operations (src/compose/project/) and `docker compose config`
// (src/compose/format/config.ts) read it. Field names are the compose file's keys.

import type { YamlMap } from '../yaml.ts';
import type { PortConfig } from './ports.ts';

export interface ServiceVolume {
  type: string;
  source?: string;
  target: string;
  read_only?: boolean;
  consistency?: string;
  bind?: { selinux?: string; propagation?: string; create_host_path?: boolean; recursive?: string };
  volume?: { nocopy?: boolean; subpath?: string };
  tmpfs?: { size?: number; mode?: number };
}

export interface BuildConfig {
  context: string;
  dockerfile?: string;
  dockerfile_inline?: string;
  args?: Record<string, string | null>;
  labels?: Record<string, string>;
  no_cache?: boolean;
  pull?: boolean;
  network?: string;
  target?: string;
  tags?: string[];
}

export interface ServiceDependency {
  condition: string;
  restart?: boolean;
  required: boolean;
}

export interface ServiceNetwork {
  aliases?: string[];
  priority?: number;
}

/**
 * compose-go HealthCheckConfig: `test` as a list (a string is `["CMD-SHELL", it]`), durations in
 * nanoseconds (time.ParseDuration of the strings written), `disable` (the container gets `NONE`).
 */
export interface HealthcheckModel {
  test?: string[];
  timeout?: number;
  interval?: number;
  retries?: number;
  start_period?: number;
  start_interval?: number;
  disable?: boolean;
}

export interface ServiceModel {
  name: string;
  profiles?: string[];
  attach?: boolean;
  build?: BuildConfig;
  cap_add?: string[];
  cap_drop?: string[];
  /** float32 (compose-go ServiceConfig.CPUS). */
  cpus?: number;
  /** null: the image's (ShellCommand nil). */
  command: string[] | null;
  configs?: ServiceSecret[];
  container_name?: string;
  depends_on?: Record<string, ServiceDependency>;
  /** `deploy:`, the parts a single-engine compose applies: one replica, resources. */
  deploy?: DeployModel;
  dns?: string[];
  /** The container's Config.Domainname (recorded: compose/domainname). */
  domainname?: string;
  entrypoint: string[] | null;
  environment?: Record<string, string | null>;
  expose?: string[];
  extra_hosts?: string[];
  hostname?: string;
  healthcheck?: HealthcheckModel;
  image?: string;
  init?: boolean;
  labels?: Record<string, string>;
  logging?: { driver?: string; options?: Record<string, string> };
  /** Bytes (UnitBytes). */
  mem_limit?: number;
  /** Bytes (UnitBytes). */
  mem_reservation?: number;
  network_mode?: string;
  networks?: Record<string, ServiceNetwork | null>;
  platform?: string;
  ports?: PortConfig[];
  privileged?: boolean;
  pull_policy?: string;
  read_only?: boolean;
  restart?: string;
  /** `scale:` or `--scale` (ServiceConfig.Scale). */
  scale?: number;
  secrets?: ServiceSecret[];
  /** Bytes (UnitBytes). */
  shm_size?: number;
  stdin_open?: boolean;
  stop_grace_period?: string;
  stop_signal?: string;
  tmpfs?: string[];
  tty?: boolean;
  /** A single value (`nproc: 500`) or soft and hard. */
  ulimits?: Record<string, { single: number } | { soft: number; hard: number }>;
  user?: string;
  volumes?: ServiceVolume[];
  volumes_from?: string[];
  working_dir?: string;
  /** `x-*` keys of the service. */
  extensions?: YamlMap;
  /** `env_file` entries, read into `environment` and then dropped as compose does (WithDiscardEnvFile). */
  envFiles?: { path: string; required: boolean }[];
}

export interface VolumeModel {
  name: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: boolean;
  labels?: Record<string, string>;
  extensions?: YamlMap;
}

/** DeployConfig, Resource (compose-go types/types.go): cpus are float32, memory bytes. */
export interface DeployResource {
  cpus?: number;
  memory?: number;
  pids?: number;
}

export interface DeployModel {
  replicas?: number;
  resources?: { limits?: DeployResource; reservations?: DeployResource };
  /** RestartPolicy: the container's restart policy when given (durations in nanoseconds). */
  restart_policy?: { condition?: string; delay?: number; max_attempts?: number; window?: number };
}

/** A service's `secrets:` or `configs:` entry (FileReferenceConfig); a secret's `target` defaults to /run/secrets/SOURCE. */
export interface ServiceSecret {
  source: string;
  target?: string;
  uid?: string;
  gid?: string;
  mode?: number;
  extensions?: YamlMap;
}

/** A top-level secret or config (FileObjectConfig): from a file, an environment variable or (configs) content. */
export interface SecretModel {
  name: string;
  file?: string;
  environment?: string;
  content?: string;
  external?: boolean;
  labels?: Record<string, string>;
  driver?: string;
  driver_opts?: Record<string, string>;
  template_driver?: string;
  extensions?: YamlMap;
}

export interface NetworkModel {
  name: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: boolean;
  internal?: boolean;
  attachable?: boolean;
  enable_ipv6?: boolean;
  labels?: Record<string, string>;
  extensions?: YamlMap;
}

export interface Project {
  name: string;
  /** Where relative paths resolve (the compose file's directory or --project-directory). */
  workingDir: string;
  /** Absolute paths of the files loaded, in order. */
  composeFiles: string[];
  /** The variables interpolation saw (process environment and .env). */
  environment: Map<string, string>;
  /** Enabled services, by name. */
  services: Record<string, ServiceModel>;
  /** Services left out by profiles. */
  disabled: Record<string, ServiceModel>;
  volumes: Record<string, VolumeModel>;
  networks: Record<string, NetworkModel>;
  secrets: Record<string, SecretModel>;
  configs: Record<string, SecretModel>;
  /** Top-level `x-*` keys. */
  extensions: YamlMap;
  /** Whether the model was normalized (`config --no-normalize` leaves it as written). */
  normalized: boolean;
}

/** Service names in compose's order for listings: sorted (compose-go Project.ServiceNames). */
export function serviceNames(p: Project): string[] {
  return Object.keys(p.services).sort();
}

/** api.GetImageNameOrDefault: the image, or `<project>-<service>` for a build without one. */
export function imageName(p: Project, s: ServiceModel): string {
  return s.image ?? `${p.name}-${s.name}`;
}

/**
 * Project.WithSelectedServices (compose-go types/project.go at v2.0.2, the version compose 2.26.1
 * builds with): the named services and, unless `ignoreDependencies` (`up --no-deps`), their
 * dependencies stay enabled, every other service is disabled (still known: not an orphan); a kept
 * service loses the depends_on entries that were not selected, so its config hash changes and
 * `up --no-deps web` recreates a web that depended on db (recorded: compose/up-no-deps).
 * No names: the project as it is.
 */
export function withSelectedServices(p: Project, names: string[], ignoreDependencies = false): Project {
  if (names.length === 0) return p;
  const keep = new Set<string>();
  const visit = (n: string): void => {
    if (keep.has(n) || !p.services[n]) return;
    keep.add(n);
    if (!ignoreDependencies) for (const d of Object.keys(p.services[n].depends_on ?? {})) visit(d);
  };
  for (const n of names) visit(n);
  const services: Record<string, ServiceModel> = {};
  const disabled: Record<string, ServiceModel> = { ...p.disabled };
  for (const [n, s] of Object.entries(p.services)) {
    if (!keep.has(n)) {
      disabled[n] = s;
      continue;
    }
    if (!s.depends_on) {
      services[n] = s;
      continue;
    }
    // ServiceConfig.DependsOn is `omitempty`: an emptied map hashes as no depends_on at all
    const deps = Object.fromEntries(Object.entries(s.depends_on).filter(([d]) => keep.has(d)));
    const { depends_on: _dropped, ...rest } = s;
    void _dropped;
    services[n] = Object.keys(deps).length > 0 ? { ...s, depends_on: deps } : rest;
  }
  return { ...p, services, disabled };
}
