// projectOrName (cmd/compose/compose.go): commands that act on what exists (down, ps, stop, exec,
// ...) read the compose files only when -f is given or no -p names the project; with `-p NAME`
// alone they find everything by labels, so they work after the files are gone.

import { load } from '../cli.ts';
import type { Project } from '../model/project.ts';
import { ComposeError, type ComposeEnv } from './env.ts';

export interface ProjectOrName {
  project?: Project;
  name: string;
}

/**
 * `select`: the services must be in the model, as ToProject's WithSelectedServices requires
 * (`no such service: X`); like any load error, that falls back to COMPOSE_PROJECT_NAME.
 */
export function projectOrName(env: ComposeEnv, services: string[] = [], select = false): ProjectOrName {
  const o = env.options;
  if (o.files.length > 0 || o.projectName === undefined) {
    try {
      const project = load(env, { services });
      if (select) for (const s of services) if (!(s in project.services)) throw new ComposeError(`no such service: ${s}`);
      return { project, name: project.name };
    } catch (e) {
      const fromEnv = o.env.COMPOSE_PROJECT_NAME;
      if (fromEnv) return { name: fromEnv };
      throw e;
    }
  }
  return { name: o.projectName.toLowerCase() };
}
