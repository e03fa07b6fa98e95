// `docker compose config` (cmd/compose/config.go): the normalized model, or one of its lists.

import { flagBool, flagString, type ParsedArgs } from '../../docker/args.ts';
import { load } from '../cli.ts';
import { formatConfig } from '../format/config.ts';
import { imageName } from '../model/project.ts';
import { dependencyOrder } from './up.ts';
import { serviceHash } from './create.ts';
import { ComposeError, type ComposeEnv } from './env.ts';

// The lists (--services, --volumes, --hash, --profiles, --images, tried in compose's order) are
// printed on dockerCli.Out(), which -q does not silence (its PreRunE swaps os.Stdout, which only
// the model's own printing checks: runConfig returns early on quiet; recorded:
// compose/tut-config-quiet-lists, tut-config-hash-services).
export function configCommand(env: ComposeEnv, p: ParsedArgs): number {
  const services = p.args;
  const format = flagString(p, 'format') ?? 'yaml';
  const quiet = flagBool(p, 'quiet');
  const common = {
    services,
    interpolate: !flagBool(p, 'no-interpolate'),
    normalize: !flagBool(p, 'no-normalize'),
    resolvePaths: !flagBool(p, 'no-path-resolution'),
    consistency: !flagBool(p, 'no-consistency'),
  };
  if (flagBool(p, 'services')) {
    const project = load(env, { ...common, resolveEnvironment: false });
    // project.ForEachService: dependencies first (recorded: compose/config-normalized)
    for (const s of dependencyOrder(project, Object.keys(project.services))) env.out.stdout(`${s}\n`);
    return 0;
  }
  if (flagBool(p, 'volumes')) {
    // compose ranges over a Go map here: the order varies between real runs; strata sorts.
    const project = load(env, { ...common, resolveEnvironment: false });
    for (const v of Object.keys(project.volumes).sort()) env.out.stdout(`${v}\n`);
    return 0;
  }
  const hash = flagString(p, 'hash');
  if (hash !== undefined && hash !== '') {
    // runHash (cmd/compose/config.go at v2.26.1): the named services (comma-separated) or `*`
    // for all, sorted, each `NAME HASH`, of a project loaded WithoutEnvironmentResolution; the
    // digest is strata's own serviceHash, the one its containers' config-hash label carries
    // (recorded: compose/tut-restart-ignores-config)
    const project = load(env, { ...common, resolveEnvironment: false });
    const names = hash === '*' ? Object.keys(project.services) : hash.split(',');
    for (const name of [...names].sort()) {
      const s = project.services[name];
      // Project.GetService's error wraps api.ErrNotFound
      if (!s) throw new ComposeError(`no such service: ${name}: not found`);
      env.out.stdout(`${name} ${serviceHash(s)}\n`);
    }
    return 0;
  }
  if (flagBool(p, 'profiles')) {
    const project = load(env, { ...common, resolveEnvironment: false, profiles: ['*'] });
    const set = new Set<string>();
    for (const s of [...Object.values(project.services), ...Object.values(project.disabled)]) for (const x of s.profiles ?? []) set.add(x);
    for (const x of [...set].sort()) env.out.stdout(`${x}\n`);
    return 0;
  }
  if (flagBool(p, 'images')) {
    // runConfigImages ranges over project.Services, a Go map: the order varies between real runs;
    // strata prints the services' order
    const project = load(env, { ...common, resolveEnvironment: false });
    for (const s of dependencyOrder(project, Object.keys(project.services))) env.out.stdout(`${imageName(project, project.services[s])}\n`);
    return 0;
  }
  const project = load(env, common);
  if (services.length > 0) {
    for (const s of services) if (!(s in project.services)) throw new ComposeError(`no such service: ${s}`);
    project.services = Object.fromEntries(Object.entries(project.services).filter(([n]) => services.includes(n)));
  }
  if (format !== 'yaml' && format !== 'json') throw new ComposeError(`unsupported format ${JSON.stringify(format)}`);
  // escapeDollarSign (cmd/compose/config.go): an interpolated model is printed with every `$`
  // doubled, so the output can be read back (recorded: compose/interpolation-defaults)
  const formatted = formatConfig(project, format);
  const text = common.interpolate ? formatted.replace(/\$/g, '$$$$') : formatted;
  if (quiet) return 0;
  const output = flagString(p, 'output');
  if (output !== undefined && output !== '') throw new ComposeError('strata does not simulate `config --output`', 125);
  env.out.stdout(text);
  return 0;
}
