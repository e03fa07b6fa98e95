// `docker compose config` (cmd/compose/config.go); the work is in project/config.ts.

import { configCommand as runConfig } from '../project/config.ts';
import type { ComposeCommand } from './command.ts';

export const configCommand: ComposeCommand = {
  spec: {
    path: 'compose config',
    usage: 'docker compose config [OPTIONS] [SERVICE...]',
    description: 'Parse, resolve and render compose file in canonical format',
    args: { min: 0 },
    flags: [
      { long: 'format', kind: 'string', help: 'Format the output. Values: [yaml | json]' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only validate the configuration, don\'t print anything' },
      { long: 'services', kind: 'bool', help: 'Print the service names, one per line.' },
      { long: 'volumes', kind: 'bool', help: 'Print the volume names, one per line.' },
      { long: 'images', kind: 'bool', help: 'Print the image names, one per line.' },
      { long: 'profiles', kind: 'bool', help: 'Print the profile names, one per line.' },
      { long: 'hash', kind: 'string', help: 'Print the service config hash, one per line.' },
      { long: 'no-interpolate', kind: 'bool', help: "Don't interpolate environment variables" },
      { long: 'no-normalize', kind: 'bool', help: "Don't normalize compose model" },
      { long: 'no-path-resolution', kind: 'bool', help: "Don't resolve file paths" },
      { long: 'no-consistency', kind: 'bool', help: "Don't check model consistency - warning: may produce invalid Compose output" },
      { long: 'resolve-image-digests', kind: 'bool', help: 'Pin image tags to digests', refuse: 'there is no registry' },
      { long: 'output', short: 'o', kind: 'string', help: 'Save to file (default to stdout)' },
    ],
  },
  run: runConfig,
};
