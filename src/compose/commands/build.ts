// `docker compose build [SERVICE...]` (pkg/compose/build.go): every service with a `build:`
// section, by name. On a terminal, BuildKit's display of the build (project/build.ts); without
// one, BuildKit's plain progress (`#1 [internal] ...`, with timings) is not reproduced: strata
// prints nothing for a build that succeeds (use --progress quiet, as the recordings do;
// docs/compat.md).

import { flagBool, flagList } from '../../docker/args.ts';
import { load } from '../cli.ts';
import { serviceNames } from '../model/project.ts';
import { buildService, showBuilds } from '../project/build.ts';
import { ComposeError } from '../project/env.ts';
import type { ComposeCommand } from './command.ts';

export const buildCommand: ComposeCommand = {
  spec: {
    path: 'compose build',
    usage: 'docker compose build [OPTIONS] [SERVICE...]',
    description: 'Build or rebuild services',
    args: { min: 0 },
    flags: [
      { long: 'build-arg', kind: 'list', help: 'Set build-time variables for services' },
      { long: 'no-cache', kind: 'bool', help: 'Do not use cache when building the image' },
      { long: 'pull', kind: 'bool', help: 'Always attempt to pull a newer version of the image', refuse: 'there is no registry' },
      { long: 'push', kind: 'bool', help: 'Push service images', refuse: 'there is no registry' },
      { long: 'quiet', short: 'q', kind: 'bool', help: "Don't print anything to STDOUT" },
      { long: 'with-dependencies', kind: 'bool', help: 'Also build dependencies (transitively)' },
      { long: 'builder', kind: 'string', help: 'Set builder to use', refuse: 'only the daemon\'s builder is simulated' },
      { long: 'ssh', kind: 'string', help: 'Set SSH authentications used when building service images.', refuse: 'build secrets are not simulated' },
    ],
  },
  run(env, p) {
    const project = load(env, { services: p.args });
    for (const s of p.args) if (!(s in project.services)) throw new ComposeError(`no such service: ${s}`);
    const args: Record<string, string> = {};
    for (const a of flagList(p, 'build-arg')) {
      const i = a.indexOf('=');
      if (i >= 0) args[a.slice(0, i)] = a.slice(i + 1);
    }
    const names = serviceNames(project).filter((name) => (p.args.length === 0 || p.args.includes(name)) && project.services[name].build !== undefined);
    for (const name of names) {
      const s = project.services[name];
      // (-q: build.go sets the printer's mode to quiet, no display)
      buildService(env, project, { ...s, build: { ...s.build!, args: { ...(s.build!.args ?? {}), ...args } } }, { quiet: flagBool(p, 'quiet'), several: names.length > 1 });
    }
    showBuilds(env);
    return 0;
  },
};
