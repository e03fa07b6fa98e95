// docs/compat.md, generated from the command specs: every docker command and flag strata
// knows, simulated or refused (with the reason it gives at run time), then the hand-written
// notes of compat-notes.ts.

import { ALIASES, COMMANDS, REFUSED } from './commands/index.ts';
import { COMPAT_NOTES } from './compat-notes.ts';
import { BUILD_NOTES } from '../image/build/compat-notes.ts';

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
    for (const f of c.spec.flags) {
      if (f.hidden) continue;
      const name = `${f.short ? `-${f.short}, ` : ''}--${f.long}`;
      const note = f.minClient ? ' (28.2 CLI only: docker-26.1 profile)' : '';
      lines.push(`| \`${name}\` | ${f.refuse ? `refused: ${f.refuse}` : 'simulated'}${note} |`);
    }
    lines.push('');
  }
  lines.push(COMPAT_NOTES);
  lines.push(BUILD_NOTES);
  return lines.join('\n');
}
