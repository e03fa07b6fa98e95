// `docker compose ls` (pkg/compose/ls.go): projects found by the project label of containers,
// running ones only unless -a; STATUS counts containers per state (`running(1)`), CONFIG FILES is
// the label compose stamped on them. Compose's table writer pads to 20 columns (formatter.Print).

import { refuseIfUnfollowed } from '../../container/unfollowed.ts';
import { flagBool, flagList, flagString } from '../../docker/args.ts';
import { tabwrite } from '../../docker/format/table.ts';
import { printFormat, printJson } from '../format/print.ts';
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
    const names: string[] = [];
    for (const f of flagList(p, 'filter')) {
      const eq = f.indexOf('=');
      const k = eq < 0 ? f : f.slice(0, eq);
      if (k !== 'name') throw new ComposeError(`invalid filter '${k}'`);
      names.push(f.slice(eq + 1));
    }
    // filters.Args.Match (moby api/types/filters): the name itself, or any value as a regular
    // expression that matches somewhere in it (one that does not compile matches nothing)
    const nameMatches = (project: string): boolean =>
      names.length === 0 ||
      names.some((v) => {
        if (v === project) return true;
        try {
          return new RegExp(v).test(project);
        } catch {
          return false;
        }
      });
    const byProject = new Map<string, { states: Map<string, number>; configFiles: string }>();
    for (const c of containerList(env.ctx.st)) {
      const project = c.config.Labels[LABEL.project];
      if (project === undefined) continue;
      // its state of the moment depends on timing (container/restart.ts)
      refuseIfUnfollowed(c);
      if (!all && c.state.status !== 'running') continue;
      if (!nameMatches(project)) continue;
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
    const format = printFormat(flagString(p, 'format') ?? 'table');
    if (format !== 'table') {
      env.out.stdout(printJson(stacks.map((s) => `{"Name":${goJsonString(s.Name)},"Status":${goJsonString(s.Status)},"ConfigFiles":${goJsonString(s.ConfigFiles)}}`), format));
      return 0;
    }
    const text = ['NAME\tSTATUS\tCONFIG FILES', ...stacks.map((s) => `${s.Name}\t${s.Status}\t${s.ConfigFiles}`)].join('\n') + '\n';
    env.out.stdout(tabwrite(text, { minwidth: 20, tabwidth: 1, padding: 3, padchar: ' ' }));
    return 0;
  },
};
