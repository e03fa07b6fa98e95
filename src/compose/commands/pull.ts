// `docker compose pull` (cmd/compose/pull.go, pkg/compose/pull.go at v2.26.1): each selected
// service's image, pulled on a display titled `Pulling` (RunWithTitle), or skipped with the reason
// on its line: no image (`Skipped - No image to be pulled`), pull_policy never or build
// (`Skipped`), missing/if_not_present with the image there (`Skipped - Image is already present
// locally`), --ignore-buildable with a build section (`Skipped - Image can be built`), the same
// image as a service before it (`Skipped - Image is already being pulled by NAME`). -q pulls with
// no display at all (Pull: no progress writer). A pull that fails ends the command unless the
// service can be built (the image is built instead) or --ignore-pull-failures.

import { flagBool, flagString } from '../../docker/args.ts';
import { NotSimulated } from '../../engine/not-simulated.ts';
import { imageLookup } from '../../daemon/index.ts';
import { load } from '../cli.ts';
import { withSelectedServices } from '../model/project.ts';
import { announcePull, pullServiceImage } from '../project/pull.ts';
import { ComposeError } from '../project/env.ts';
import type { ComposeCommand } from './command.ts';

export const pullCommand: ComposeCommand = {
  spec: {
    path: 'compose pull',
    usage: 'docker compose pull [OPTIONS] [SERVICE...]',
    description: 'Pull service images',
    args: { min: 0 },
    flags: [
      { long: 'ignore-buildable', kind: 'bool', help: 'Ignore images that can be built' },
      { long: 'ignore-pull-failures', kind: 'bool', help: 'Pull what it can and ignores images with pull failures' },
      { long: 'include-deps', kind: 'bool', help: 'Also pull services declared as dependencies' },
      { long: 'policy', kind: 'string', help: 'Apply pull policy ("missing"|"always")' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Pull without printing progress information' },
    ],
  },
  run(env, p) {
    const loaded = load(env, { services: p.args });
    for (const s of p.args) if (!(s in loaded.services)) throw new ComposeError(`no such service: ${s}`);
    // pullOptions.apply: the named services alone unless --include-deps; --policy for every
    // service with an image
    const project = flagBool(p, 'include-deps') ? withSelectedServices(loaded, p.args) : withSelectedServices(loaded, p.args, true);
    const policyFlag = flagString(p, 'policy');
    if (policyFlag !== undefined && policyFlag !== 'missing' && policyFlag !== 'always') {
      throw new NotSimulated(`strata does not simulate \`docker compose pull --policy ${policyFlag}\``);
    }
    // -q: Pull runs without a progress writer, so nothing is shown
    const quiet = flagBool(p, 'quiet');
    if (quiet) env.progress.mute();
    const progress = env.progress;
    const ignoreBuildable = flagBool(p, 'ignore-buildable');
    const ignoreFailures = flagBool(p, 'ignore-pull-failures');
    const beingPulled = new Map<string, string>();
    const mustBuild: string[] = [];
    let failure: string | undefined;
    // the project's order (compose walks a map, so a real display may list the services in
    // another order); the skipped ones' lines and every pull's `Pulling` come at once, then the
    // pulls end (each in a goroutine of its own)
    const pulls: string[] = [];
    for (const name of Object.keys(project.services)) {
      const s = project.services[name];
      const policy = s.image !== undefined && policyFlag !== undefined ? policyFlag : s.pull_policy ?? '';
      if (s.image === undefined) {
        progress.event(name, '', 'Skipped - No image to be pulled', 'done');
        continue;
      }
      if (policy === 'never' || policy === 'build') {
        progress.event(name, '', 'Skipped', 'done');
        continue;
      }
      if ((policy === 'missing' || policy === 'if_not_present') && imageLookup(env.ctx.st, s.image)) {
        progress.event(name, '', 'Skipped - Image is already present locally', 'done');
        continue;
      }
      if (s.build !== undefined && ignoreBuildable) {
        progress.event(name, '', 'Skipped - Image can be built', 'done');
        continue;
      }
      const other = beingPulled.get(s.image);
      if (other !== undefined) {
        progress.event(name, '', `Skipped - Image is already being pulled by ${other}`, 'done');
        continue;
      }
      beingPulled.set(s.image, name);
      announcePull(env, name);
      pulls.push(name);
    }
    for (const name of pulls) {
      const s = project.services[name];
      const r = pullServiceImage(env, name, s.image!, { quiet, hasBuild: s.build !== undefined, announced: true });
      if (r.ok) continue;
      if (s.build !== undefined) mustBuild.push(name);
      else if (!ignoreFailures) {
        failure = r.error;
        break;
      }
    }
    if (mustBuild.length > 0) progress.tail(`WARNING: Some service image(s) must be built from source by running:\n    docker compose build ${mustBuild.join(' ')}`);
    progress.finish();
    if (failure !== undefined) throw new ComposeError(`Error response from daemon: ${failure}`);
    // pull's result: the errors of the pulls that failed, joined by hashicorp/go-multierror
    if (mustBuild.length > 0 && !ignoreFailures) throw new NotSimulated('strata does not simulate the error docker compose pull ends with when a buildable service\'s image cannot be pulled (go-multierror\'s list): add --ignore-pull-failures or --ignore-buildable');
    return 0;
  },
};
