// docs/compat.md, generated from the command specs: every docker command and flag strata
// knows, simulated or refused (with the reason it gives at run time), then the hand-written
// notes of compat-notes.ts.

import { ALIASES, COMMANDS, REFUSED } from './commands/index.ts';
import { COMPAT_NOTES } from './compat-notes.ts';
import { BUILD_NOTES } from '../image/build/compat-notes.ts';
import { FILESYSTEM_NOTES } from '../fs/compat-notes.ts';
import { WEB_NOTES } from '../network/http/compat-notes.ts';
import type { FlagSpec } from './args.ts';
import { GLOBAL_FLAGS } from '../compose/cli.ts';
import { SUBCOMMANDS } from '../compose/commands/index.ts';
import { COMPOSE_NOTES } from '../compose/compat-notes.ts';

function flagRows(flags: FlagSpec[]): string[] {
  const rows: string[] = [];
  for (const f of flags) {
    if (f.hidden) continue;
    const name = `${f.short ? `-${f.short}, ` : ''}--${f.long}`;
    const note = f.minClient ? ' (28.2 CLI only: docker-26.1 profile)' : '';
    rows.push(`| \`${name}\` | ${f.refuse ? `refused: ${f.refuse}` : 'simulated'}${note} |`);
  }
  return rows;
}

/** `docker compose` (Compose v2 2.26.1, docker-26.1 profile): subcommands and flags. */
function composeMarkdown(): string[] {
  const lines = ['## Docker Compose', '', 'Compose v2 2.26.1 as the oracle\'s 26.1 install has it (docker-26.1 profile only).', '', '### docker compose (global flags)', '', '| flag | status |', '| --- | --- |', ...flagRows(GLOBAL_FLAGS), ''];
  lines.push('### Subcommands', '', '| command | status |', '| --- | --- |');
  const names = Object.keys(SUBCOMMANDS).sort();
  for (const n of names) {
    const sub = SUBCOMMANDS[n];
    lines.push(`| \`docker compose ${n}\` | ${'refused' in sub ? `refused: ${sub.refused}` : 'simulated'} |`);
  }
  lines.push('');
  for (const n of names) {
    const sub = SUBCOMMANDS[n];
    if ('refused' in sub || sub.spec.path !== `compose ${n}`) continue;
    lines.push(`### docker compose ${n}`, '', `Usage: \`${sub.spec.usage.split('\n')[0]}\``, '', '| flag | status |', '| --- | --- |', ...flagRows(sub.spec.flags), '');
  }
  lines.push(COMPOSE_NOTES);
  return lines;
}

export function compatMarkdown(): string {
  const lines: string[] = [
    '# Docker CLI compatibility',
    '',
    'Generated from the code by `npm run docs:compat` (a test checks it is current). "simulated" means',
    'strata reproduces the real engine\'s behaviour and output; "refused" means strata prints',
    '`strata does not simulate ...` with the reason below and exits 125, instead of guessing.',
    '',
    '## Commands',
    '',
    '| command | aliases | status |',
    '| --- | --- | --- |',
  ];
  const aliasesOf = (path: string) =>
    Object.entries(ALIASES)
      .filter(([, target]) => target === path)
      .map(([a]) => `\`docker ${a}\``)
      .join(', ');
  for (const c of [...COMMANDS].sort((a, b) => a.spec.path.localeCompare(b.spec.path))) {
    lines.push(`| \`docker ${c.spec.path}\` | ${aliasesOf(c.spec.path)} | simulated |`);
  }
  for (const [path, reason] of Object.entries(REFUSED).sort()) lines.push(`| \`docker ${path}\` | | refused: ${reason} |`);
  lines.push('', '## Flags', '');
  for (const c of [...COMMANDS].sort((a, b) => a.spec.path.localeCompare(b.spec.path))) {
    lines.push(`### docker ${c.spec.path}`, '', `Usage: \`${c.spec.usage.split('\n')[0]}\``, '', '| flag | status |', '| --- | --- |');
    lines.push(...flagRows(c.spec.flags));
    lines.push('');
  }
  lines.push(...composeMarkdown());
  lines.push(COMPAT_NOTES);
  lines.push(BUILD_NOTES);
  lines.push(FILESYSTEM_NOTES);
  lines.push(WEB_NOTES);
  return lines.join('\n');
}
