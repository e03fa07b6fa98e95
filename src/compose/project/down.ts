// `docker compose down` (pkg/compose/down.go): the project's containers in reverse dependency
// order (their anonymous volumes too with -v, as ContainerRemove's RemoveVolumes), then orphans
// (containers of services no longer in the model, and finished `run` containers) with
// --remove-orphans but without their volumes, then the project's networks, images (--rmi) and
// volumes (-v). What belongs to the project is read from the daemon's labels: a volume compose
// did not create (no project label) is never removed, an external one is never touched.
// Compose runs the network, image and volume removals in parallel; strata prints networks, then
// images, then volumes, each sorted by name: one order a real run can produce.

import type { Container } from '../../engine/state.ts';
import { tableValues } from '../../engine/table.ts';
import { ImageDeleteError, VolumeInUse, VolumeNotFound, imageList, imageLookup, imageRemove, imageTags, volumeRemove } from '../../daemon/index.ts';
import { normalizeRef } from '../../image/store.ts';
import { allNetworks } from '../../network/store.ts';
import { removeNetworkByName } from './network.ts';
import { imageName, withSelectedServices, type Project } from '../model/project.ts';
import { isOneOff, LABEL, projectContainers, serviceOf, servicesInDependencyOrder, progressName } from './containers.ts';
import { dependencyOrder, stopThenRemove } from './up.ts';
import { stopGraph } from './stop.ts';
import { ComposeError, type ComposeEnv } from './env.ts';
import { peekContainer } from '../../container/registry.ts';

export interface DownOptions {
  /** The services named on the command line (all when empty). */
  services?: string[];
  volumes: boolean;
  removeOrphans: boolean;
  images?: 'local' | 'all';
  /** -t: each stop's timeout (the containers' own without it). */
  timeout?: number;
}

export function down(env: ComposeEnv, name: string, loaded: Project | undefined, o: DownOptions): void {
  const st = env.ctx.st;
  const containers = projectContainers(st, name, o.removeOrphans ? 'include' : 'exclude', [], { unfollowed: 'allow' });
  const named = o.services ?? [];
  // ToProject's WithSelectedServices: the named services and their dependencies stay in the
  // model, the others are disabled (still known: not orphans). Its volumes and networks stay
  // those of every enabled service (WithoutUnnecessaryResources ran first), so `down -v db`
  // removes every volume of the project that no container still uses (recorded:
  // compose/down-service-deps).
  const project = loaded && withSelectedServices(loaded, named);
  // getProjectWithResources: without the files, the services are the containers' own.
  const known = project ? new Set([...Object.keys(project.services), ...Object.keys(project.disabled)]) : new Set(containers.filter((c) => !isOneOff(c)).map(serviceOf));
  const isOrphan = (c: Container): boolean => (isOneOff(c) ? c.state.status === 'exited' : !known.has(serviceOf(c)));
  // images to remove are decided before their containers go
  const images = o.images ? imagesToRemove(env, name, project, containers, o.images, o.removeOrphans) : [];
  const serviceContainers = containers.filter((c) => !isOneOff(c));
  const dependsOn = project ? (s: string): string[] => Object.keys(project.services[s]?.depends_on ?? {}) : labelledDependencies(serviceContainers);
  const order = project ? dependencyOrder(project, Object.keys(project.services)).reverse() : servicesInDependencyOrder(serviceContainers).reverse();
  // checkSelectedServices: without the files a name no container has is dropped (a typo or a
  // service already gone); WithRootNodesAndDown: the named services and, in the graph, those
  // that depend on them; none left means the whole project (recorded: compose/down-service-deps)
  const roots = named.filter((s) => order.includes(s));
  const wanted = roots.length === 0 ? new Set(order) : withDependents(roots, order, dependsOn);
  const byName = (a: Container, b: Container): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  // InReverseDependencyOrder: a service's containers stop together once those of the services
  // that depend on it are removed, each removed as soon as it stopped (removeContainers), with
  // -t as each stop's timeout (project/stop.ts)
  const services = order.filter((s) => wanted.has(s));
  stopGraph(env, {
    services,
    after: (s) => services.filter((x) => dependsOn(x).includes(s)),
    containers: (s) => serviceContainers.filter((x) => serviceOf(x) === s).sort(byName),
    timeout: o.timeout,
    ...stopThenRemove(env, o.volumes, 'compose-down'),
  });
  // then the orphans, all at once (one more removeContainers)
  if (o.removeOrphans) {
    const orphans = containers.filter(isOrphan).filter((c) => peekContainer(st, c.id)).sort(byName);
    stopGraph(env, { services: ['orphans'], after: () => [], containers: () => orphans, timeout: o.timeout, ...stopThenRemove(env, false, 'compose-down') });
  }
  let ops = 0;
  for (const n of projectNetworks(env, name, project)) {
    ops++;
    removeNetworkByName(env, n, name);
  }
  for (const ref of images) {
    ops++;
    const id = `Image ${ref}`;
    env.progress.event(id, 'Removing');
    // removeImage (pkg/compose/down.go at v2.26.1): ImageRemove with empty RemoveOptions (no
    // force, noprune); a conflict (a container, even stopped, still uses the image) leaves it
    // with a warning, a missing image is a warning too (recorded: compose/down-rmi-in-use)
    try {
      imageRemove(st, ref, false, false);
    } catch (e) {
      if (!(e instanceof ImageDeleteError)) throw e;
      if (e.message.startsWith('conflict:')) {
        env.progress.event(id, 'Resource is still in use');
        continue;
      }
      if (e.message.startsWith('No such image')) {
        env.progress.event(id, 'Warning: No resource found to remove');
        continue;
      }
      env.progress.event(id, 'Error');
      throw new ComposeError(`Error response from daemon: ${e.message}`);
    }
    env.progress.event(id, 'Removed');
  }
  if (o.volumes) {
    for (const v of projectVolumeNames(env, name, project)) {
      ops++;
      // volumeRemove: a volume already gone counts as removed, one in use is left with a warning
      const id = `Volume ${v}`;
      env.progress.event(id, 'Removing');
      try {
        volumeRemove(st, v, 'compose-down', env.ctx.events);
      } catch (e) {
        if (e instanceof VolumeInUse) {
          env.progress.event(id, 'Resource is still in use');
          continue;
        }
        if (!(e instanceof VolumeNotFound)) throw e;
      }
      env.progress.event(id, 'Removed');
    }
  }
  if (containers.length === 0 && ops === 0) env.out.stderr(`Warning: No resource found to remove for project ${JSON.stringify(name)}.\n`);
}

/** Each service's dependencies as its containers' depends_on label says (projectFromName). */
function labelledDependencies(cs: Container[]): (s: string) => string[] {
  return (s) => {
    const out: string[] = [];
    for (const c of cs) {
      if (serviceOf(c) !== s) continue;
      const label = c.config.Labels[LABEL.dependsOn] ?? '';
      for (const d of label === '' ? [] : label.split(',')) out.push(d.split(':')[0]);
    }
    return out;
  };
}

/** The roots and every service of `all` that depends on one of them, directly or not (getAncestors). */
function withDependents(roots: string[], all: string[], dependsOn: (s: string) => string[]): Set<string> {
  const out = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all) {
      if (!out.has(s) && dependsOn(s).some((d) => out.has(d))) {
        out.add(s);
        grew = true;
      }
    }
  }
  return out;
}

/**
 * The volumes down -v removes: the model's (not external) when the files were read, whether they
 * exist or not (recorded: compose/external-and-named-down); without the files, the volumes
 * labelled with the project (getProjectWithResources), so one made by hand under the same name is
 * kept (project-naming/precreated-volume-adopted).
 */
function projectVolumeNames(env: ComposeEnv, name: string, project: Project | undefined): string[] {
  const st = env.ctx.st;
  const names = project
    ? Object.values(project.volumes).filter((v) => !v.external).map((v) => v.name)
    : tableValues(st.volumes).filter((v) => v.labels?.[LABEL.project] === name).map((v) => v.name);
  return [...new Set(names)].sort();
}

/** ensureNetworksDown: one operation per network of the model (not external); without the files, those labelled with the project. */
function projectNetworks(env: ComposeEnv, name: string, project: Project | undefined): string[] {
  const st = env.ctx.st;
  const names = project
    ? Object.values(project.networks).filter((n) => !n.external).map((n) => n.name)
    : Object.values(allNetworks(st)).filter((n) => n.labels[LABEL.project] === name).map((n) => n.name);
  return [...new Set(names)].sort();
}

/**
 * --rmi (ImagePruner.ImagesToPrune, pkg/compose/image_pruner.go at v2.26.1): `all` takes every
 * service's `image:` that exists; both modes take the images labelled with the project (tagged:
 * their first RepoTag) whose service label names a service of the model (any tag: an image built
 * under an `image:` name goes too, recorded: compose/sweep-up-build-target), every such image
 * with --remove-orphans, and `<project>-<service>` of a service without `image:` (the fallback
 * for images built unlabelled). Without the files the services are the containers' own, each
 * with its container's image (getProjectWithResources).
 */
function imagesToRemove(env: ComposeEnv, name: string, project: Project | undefined, containers: Container[], mode: 'local' | 'all', removeOrphans: boolean): string[] {
  const st = env.ctx.st;
  const services: { name: string; image: string | undefined }[] = project
    ? Object.values(project.services).map((s) => ({ name: s.name, image: s.image }))
    : containers.filter((c) => !isOneOff(c)).map((c) => ({ name: serviceOf(c), image: c.config.Image }));
  const known = new Set(services.map((s) => s.name));
  const refs: string[] = [];
  if (mode === 'all') for (const s of services) if (s.image !== undefined && imageLookup(st, s.image)) refs.push(s.image);
  for (const image of imageList(st)) {
    const labels = image.config.Labels ?? {};
    const tags = imageTags(st, image.id);
    if (labels[LABEL.project] !== name || tags.length === 0) continue;
    if (removeOrphans || known.has(labels[LABEL.service] ?? '')) refs.push(tags[0]);
  }
  if (project) for (const s of Object.values(project.services)) if (s.image === undefined && imageLookup(st, imageName(project, s))) refs.push(imageName(project, s));
  // normalizeAndDedupeImages: familiar names with their tag, sorted
  return [...new Set(refs.map(normalizeRef))].sort();
}

export { progressName };
