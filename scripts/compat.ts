// Writes docs/compat.md from the command specs.
import { writeFileSync } from 'node:fs';
import { compatMarkdown } from '../src/docker/compat.ts';

writeFileSync(new URL('../docs/compat.md', import.meta.url), compatMarkdown());
