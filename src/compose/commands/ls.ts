// `docker compose ls` (pkg/compose/ls.go): projects found by the project label of containers,
// running ones only unless -a; STATUS counts containers per state (`running(1)`), CONFIG FILES is
// the label compose stamped on them. Compose's table writer pads to 20 columns (formatter.Print).

import { refuseIfUnfollowed } from '../../container/unfollowed.ts';
import { flagBool, flagList, flagString } from '../../docker/args.ts';
import { tabwrite } from '../../docker/format/table.ts';
import { formatRows } from '../../docker/output.ts';
import { LABEL } from '../project/containers.ts';
import { ComposeError } from '../project/env.ts';
import type { ComposeCommand } from './command.ts';
import { containerList } from '../../container/registry.ts';

interface Stack {
  Name: string;
  Status: string;
  ConfigFiles: string;
}

function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export const lsCommand: ComposeCommand = {
  spec: {
    path: 'compose ls',
    usage: 'docker compose ls [OPTIONS]',
    description: 'List running compose projects',
    args: { min: 0, max: 0 },
    flags: [
      { long: 'all', short: 'a', kind: 'bool', help: 'Show all stopped Compose projects' },
      { long: 'filter', kind: 'list', help: 'Filter output based on conditions provided' },
      { long: 'format', kind: 'string', help: 'Format the output. Values: [table | json]' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only display IDs' },
    ],
  },
  run(env, p) {
    const all = flagBool(p, 'all');
    let nameFilter: string | undefined;
    for (const f of flagList(p, 'filter')) {
      const [k, v] = f.split('=');
      if (k !== 'name') throw new ComposeError(`invalid filter '${k}'`);
      nameFilter = v;
    }
    const byProject = new Map<string, { states: Map<string, number>; configFiles: string }>();
    for (const c of containerList(env.ctx.st)) {
      const project = c.config.Labels[LABEL.project];
      if (project === undefined) continue;
      // its state of the moment depends on timing (container/restart.ts)
      refuseIfUnfollowed(c);
      if (!all && c.state.status !== 'running') continue;
      if (nameFilter !== undefined && !project.includes(nameFilter)) continue;
      const entry = byProject.get(project) ?? { states: new Map<string, number>(), configFiles: c.config.Labels[LABEL.configFiles] ?? '' };
      entry.states.set(c.state.status, (entry.states.get(c.state.status) ?? 0) + 1);
      byProject.set(project, entry);
    }
    const stacks: Stack[] = [...byProject.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, e]) => ({
        Name: name,
        Status: [...e.states.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${s}(${n})`).join(', '),
        ConfigFiles: e.configFiles,
      }));
    if (flagBool(p, 'quiet')) {
      for (const s of stacks) env.out.stdout(`${s.Name}\n`);
      return 0;
    }
    const format = flagString(p, 'format') ?? 'table';
    if (format === 'json') {
      env.out.stdout(`[${stacks.map((s) => `{"Name":${goJsonString(s.Name)},"Status":${goJsonString(s.Status)},"ConfigFiles":${goJsonString(s.ConfigFiles)}}`).join(',')}]\n`);
      return 0;
    }
    if (format === 'table') {
      const text = ['NAME\tSTATUS\tCONFIG FILES', ...stacks.map((s) => `${s.Name}\t${s.Status}\t${s.ConfigFiles}`)].join('\n') + '\n';
      env.out.stdout(tabwrite(text, { minwidth: 20, tabwidth: 1, padding: 3, padchar: ' ' }));
      return 0;
    }
    env.out.stdout(formatRows(format, stacks as never[], { Name: 'NAME', Status: 'STATUS', ConfigFiles: 'CONFIG FILES' }, '28.2'));
    return 0;
  },
};
