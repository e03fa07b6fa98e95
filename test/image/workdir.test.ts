// WORKDIR makes its directory and the missing parents, mode 755: as root on the legacy builder
// (moby SetupWorkingDirectory), as the stage's USER on BuildKit (llb.Mkdir WithParents, WithUser),
// leaving a directory that exists as it is; a path through a file fails in each builder's words.
// Each case is a recording replayed here (the unit suite leaves the corpora out).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const ENGINES = ['docker-20.10', 'docker-26.1'] as const;

describe('WORKDIR', () => {
  it('after USER: the owner of the directories it creates, and of one that exists (recorded: builds/workdir-after-user)', () => {
    const owners = {
      'docker-20.10': ['755 0:0 /app', '755 0:0 /app/sub', '755 0:0 /num', '755 0:0 /num/dir'],
      'docker-26.1': ['755 65534:65534 /app', '755 65534:65534 /app/sub', '755 1234:5678 /num', '755 1234:5678 /num/dir'],
    };
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run(`printf 'FROM busybox\\nUSER nobody\\nWORKDIR /app/sub\\nUSER 1234:5678\\nWORKDIR /num/dir\\nWORKDIR /tmp\\nRUN touch made-here\\n' > Dockerfile`);
      expect(d.run('docker build -q -t wdu .').exitCode, engine).toBe(0);
      const out = d.run("docker run --rm wdu stat -c '%a %u:%g %n' /app /app/sub /num /num/dir /tmp /tmp/made-here").output;
      expect(out, engine).toBe([...owners[engine], '1777 0:0 /tmp', '644 1234:5678 /tmp/made-here', ''].join('\n'));
    }
  });

  it('through a file: the last component, or one below it (recorded: builds/workdir-volume-over-file)', () => {
    const words = {
      'docker-20.10': ['Cannot mkdir: /f is not a directory', 'lstat /var/lib/docker/overlay2/ID/merged/f/sub: not a directory'],
      'docker-26.1': ['ERROR: failed to solve: mkdir /var/lib/docker/overlay2/ID/merged/f: not a directory', 'ERROR: failed to solve: lstat /var/lib/docker/overlay2/ID/merged/f/sub: not a directory'],
    };
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run(`printf 'FROM busybox\\nRUN echo hi > /f\\n' | docker build -q -t withfile - > /dev/null`);
      ['/f', '/f/sub'].forEach((path, i) => {
        d.run(`printf 'FROM withfile\\nWORKDIR ${path}\\nRUN true\\n' > Dockerfile`);
        const r = d.run(`docker build -q . 2>&1 | sed -E 's#overlay2/[0-9a-z]+/#overlay2/ID/#'`);
        expect(r.output.trimEnd().split('\n').pop(), `${engine} ${path}`).toBe(words[engine][i]);
      });
    }
  });
});
