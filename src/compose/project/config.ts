// `docker compose config` (cmd/compose/config.go): the normalized model, or one of its lists.

import { flagBool, flagString, type ParsedArgs } from '../../docker/args.ts';
import { load } from '../cli.ts';
import { formatConfig } from '../format/config.ts';
import { imageName } from '../model/project.ts';
import { dependencyOrder } from './up.ts';
import { ComposeError, type ComposeEnv } from './env.ts';

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
    if (!quiet) for (const s of dependencyOrder(project, Object.keys(project.services))) env.out.stdout(`${s}\n`);
    return 0;
  }
  if (flagBool(p, 'volumes')) {
    // compose ranges over a Go map here: the order varies between real runs; strata sorts.
    const project = load(env, { ...common, resolveEnvironment: false });
    if (!quiet) for (const v of Object.keys(project.volumes).sort()) env.out.stdout(`${v}\n`);
    return 0;
  }
  if (flagBool(p, 'images')) {
    const project = load(env, { ...common, resolveEnvironment: false });
    if (!quiet) for (const s of dependencyOrder(project, Object.keys(project.services))) env.out.stdout(`${imageName(project, project.services[s])}\n`);
    return 0;
  }
  if (flagBool(p, 'profiles')) {
    const project = load(env, { ...common, resolveEnvironment: false, profiles: ['*'] });
    const set = new Set<string>();
    for (const s of [...Object.values(project.services), ...Object.values(project.disabled)]) for (const x of s.profiles ?? []) set.add(x);
    if (!quiet) for (const x of [...set].sort()) env.out.stdout(`${x}\n`);
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
