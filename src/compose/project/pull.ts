// compose's pulls (docker/compose pkg/compose/pull.go at v2.26.1) over the daemon's pull
// (src/image/pull.ts, the catalog of stand-ins as the registry). A service's pull is a line of its
// own, `Pulling` then `Pulled` (pullServiceImage), and under it one line per message of the
// daemon's stream that has a layer's progress (toPullProgressEvent: a message with an ID and a
// Progress, so not `Pulling from`, `Digest:` or `Status:`), its text the message's status.
//
// What strata cannot show: between a layer's `Pulling fs layer` and its `Pull complete` the real
// stream has `Downloading` and `Extracting` messages with byte counts, as many as the network's
// timing makes. A terminal's display overwrites them (its last frame shows each layer's last
// status); compose's plain progress prints each one, so a plain pull of a missing image is
// refused by name (--quiet-pull shows no layer).

import { NotSimulated } from '../../engine/not-simulated.ts';
import { pullImage } from '../../image/pull.ts';
import { catalogEntry } from '../../image/catalog/index.ts';
import { imageLookup } from '../../daemon/index.ts';
import { imageName, type Project } from '../model/project.ts';
import { ComposeError, type ComposeEnv } from './env.ts';

/** toPullProgressEvent's phases whose event is Done; every other layer status is Working. */
const DONE_PHASES = new Set(['Download complete', 'Already exists', 'Pull complete']);

const PLAIN_DOWNLOAD =
  "strata does not simulate compose's plain progress of a pull that downloads layers (the daemon's Downloading and Extracting lines count bytes as the network delivers them): use --quiet-pull, a terminal's display, or docker pull first";

/** A pull's result: the image's ID, or the daemon's error (after the service's Error or Warning line). */
export type PullOutcome = { ok: true; imageId: string } | { ok: false; error: string };

/**
 * pullServiceImage: pull `ref` for `service`, its lines on the progress display (its layers' only
 * unless `quiet`: up's --quiet-pull). A failure is the service's `Error` line, or `Warning` when
 * the service has a build section.
 */
export function pullServiceImage(env: ComposeEnv, service: string, ref: string, o: { quiet: boolean; hasBuild: boolean; announced?: boolean }): PullOutcome {
  const progress = env.progress;
  // (refused before the daemon pulls anything; an image whose layers all exist already would
  // print only `Already exists` lines, and is refused too)
  if (progress.mode === 'plain' && !o.quiet && catalogEntry(ref) !== undefined && !imageLookup(env.ctx.st, ref)) throw new NotSimulated(PLAIN_DOWNLOAD);
  if (o.announced !== true) announcePull(env, service);
  const r = pullImage(env.ctx.st, env.ctx.profile, ref, env.ctx.events);
  if (!r.ok) {
    // the daemon answers ImagePull with an error before any message: the error's innermost text
    // (getUnwrappedErrorMessage) on the service's line
    progress.event(service, r.error, o.hasBuild ? 'Warning' : 'Error', o.hasBuild ? 'warning' : 'error');
    return { ok: false, error: r.error };
  }
  if (!o.quiet) {
    const layers = r.messages.filter((m) => m.layer === true && m.id !== undefined);
    for (const m of layers) progress.event(m.id!, '', m.status, DONE_PHASES.has(m.status) ? 'done' : 'working', service);
  }
  progress.event(service, '', 'Pulled', 'done');
  return { ok: true, imageId: r.imageId };
}

/**
 * The service's `Pulling` line, which pullServiceImage shows as it starts: compose starts every
 * pull at once, so all of them are there before the first one ends (pass `announced` then).
 */
export function announcePull(env: ComposeEnv, service: string): void {
  env.progress.event(service, '', 'Pulling', 'working');
}

/**
 * pullRequiredImages: the services whose image is missing (pull_policy missing or unset; always:
 * every time; never and build: none; `build` too for a service with a build section under
 * --build), in the project's order (compose pulls them at once, so a
 * real display may list them in another order), on a display of their own. A service that can be
 * built (a `build` section, or another service building its image) goes on when its pull fails;
 * another's failure is the command's error.
 */
export function pullRequiredImages(env: ComposeEnv, p: Project, services: readonly string[], o: { quiet: boolean; never: boolean; build?: boolean }): void {
  if (o.never) return;
  const need = services.filter((name) => {
    const s = p.services[name];
    if (!s.image) return false;
    // --build gives every service with a build section the pull policy `build` (createOptions.Apply,
    // cmd/compose/create.go at v2.26.1): its image is built, never pulled (recorded:
    // compose/sweep-up-build-target)
    const policy = o.build === true && s.build !== undefined ? 'build' : (s.pull_policy ?? '');
    if (policy === 'never' || policy === 'build') return false;
    if (policy === 'always') return true;
    return !imageLookup(env.ctx.st, imageName(p, s));
  });
  if (need.length === 0) return;
  let failure: string | undefined;
  for (const name of need) announcePull(env, name);
  for (const name of need) {
    const s = p.services[name];
    const r = pullServiceImage(env, name, imageName(p, s), { quiet: o.quiet, hasBuild: s.build !== undefined, announced: true });
    // isServiceImageToBuild: its build section, or another service's that builds the same image
    const buildable = s.build !== undefined || Object.values(p.services).some((other) => other.image === s.image && other.build !== undefined);
    if (!r.ok && !buildable) {
      failure = r.error;
      break;
    }
  }
  env.progress.finish();
  // the daemon client's error (client/errors.go: "Error response from daemon: " and the message)
  if (failure !== undefined) throw new ComposeError(`Error response from daemon: ${failure}`);
}
