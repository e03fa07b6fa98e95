// compose pulling the images of a project (docker/compose pkg/compose/pull.go at v2.26.1): up's
// pull of missing images and `docker compose pull`. The oracle has no registry, so the words and
// the lines are stated from compose's source: pullServiceImage's events (`Pulling`, one per
// layer message with a progress, `Pulled`; a failure `Error`, or `Warning` for a service with a
// build section), pull()'s Skipped reasons, plain.go's `fmt.Fprintln(out, "", ID, Text,
// StatusText)` (a space first, and last when StatusText is empty), tty.go's child lines indented
// under their service (lineText's "%s %s%s %s%s %s" with the pad "  ").

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { catalogEntry } from '../../src/image/catalog/index.ts';
import { screenText } from '../../src/pages/screen.ts';

const PG = ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: example'].join('\\n');
const withFile = (file: string) => execute(initialState({ engine: 'docker-26.1' }), `printf '${file}\\n' > compose.yaml`).state;
const PG_LAYERS = catalogEntry('postgres:16')!.registry.layers.map((d) => d.slice('sha256:'.length, 'sha256:'.length + 12));

describe('up pulls the missing images first', () => {
  it('--quiet-pull: the service lines only, then the containers', () => {
    const r = execute(withFile(PG), 'docker compose --progress plain up -d --quiet-pull');
    expect(r.exitCode).toBe(0);
    expect(r.output.startsWith(' db Pulling \n db Pulled \n Network work_default  Creating\n')).toBe(true);
    expect(execute(r.state, 'docker images -q postgres:16').output).toMatch(/^[0-9a-f]{12}\n$/);
  });

  it('plain progress of a download is refused by name, and nothing is pulled', () => {
    const st = withFile(PG);
    const r = execute(st, 'docker compose --progress plain up -d');
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(/strata does not simulate compose's plain progress of a pull that downloads layers/);
    expect(execute(r.state, 'docker images -q postgres:16').output).toBe('');
  });

  it('--pull never does not pull', () => {
    const r = execute(withFile(PG), 'docker compose --progress plain up -d --pull never');
    expect(r.output).not.toContain('Pulling');
  });

  it('an image no registry has: the service line says Error, and up fails with the daemon error', () => {
    const r = execute(withFile(PG.replace('postgres:16', 'nosuchimage-strata')), 'docker compose --progress plain up -d');
    const denied = "pull access denied for nosuchimage-strata, repository does not exist or may require 'docker login': denied: requested access to the resource is denied";
    expect(r.output).toBe(` db Pulling \n db Error ${denied}\nError response from daemon: ${denied}\n`);
    expect(r.exitCode).toBe(1);
  });

  it('a service with a build section whose image cannot be pulled: Warning, then its build', () => {
    let st = withFile(['services:', '  web:', '    image: myapp-strata', '    build: .'].join('\\n'));
    st = execute(st, "printf 'FROM busybox\\n' > Dockerfile").state;
    const r = execute(st, 'docker compose --progress plain up -d --no-start');
    expect(r.output).toMatch(/^ web Pulling \n web Warning pull access denied for myapp-strata, /);
    expect(execute(r.state, 'docker images -q myapp-strata').output).toMatch(/^[0-9a-f]{12}\n$/);
  });

  it("on a terminal: the pull's own display, each layer's line under its service, then the containers'", () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.run(`printf '${PG}\\n' > compose.yaml`, () => undefined);
    const r = d.run('docker compose up -d', () => undefined);
    expect(r.exitCode).toBe(0);
    const screen = screenText(r.output).split('\n');
    expect(screen[0]).toBe(`[+] Running ${PG_LAYERS.length + 1}/${PG_LAYERS.length + 1}`);
    expect(screen[1]).toMatch(/^ ✔ db Pulled {10,}\d+\.\ds $/);
    for (const [i, id] of PG_LAYERS.entries()) expect(screen[2 + i]).toMatch(new RegExp(`^   ✔ ${id} Pull complete +\\d+\\.\\ds $`));
    expect(screen[2 + PG_LAYERS.length]).toBe('[+] Running 2/2');
    for (const l of screen) expect(l.length).toBeLessThanOrEqual(80);
  });
});

describe('docker compose pull', () => {
  const FILE = ['services:', '  db:', '    image: postgres:16', '  web:', '    build: .', '  cache:', '    image: redis:7', '    pull_policy: never', '  db2:', '    image: postgres:16'].join('\\n');

  it("says why it skips a service, and pulls each image once (pull.go's Skipped reasons)", () => {
    const r = execute(withFile(FILE), 'docker compose --progress plain pull --quiet');
    expect(r.output).toBe('');
    expect(execute(r.state, 'docker images -q postgres:16').output).toMatch(/^[0-9a-f]{12}\n$/);
    const again = execute(r.state, 'docker compose --progress plain pull');
    expect(again.exitCode).toBe(0);
    expect(again.output).toBe(' db Pulling \n web Skipped - No image to be pulled \n cache Skipped \n db2 Skipped - Image is already being pulled by db \n db Pulled \n');
    const missing = execute(r.state, 'docker compose --progress plain pull --policy missing db');
    expect(missing.output).toBe(' db Skipped - Image is already present locally \n');
  });

  it('--ignore-buildable skips a service that can be built', () => {
    const st = withFile(['services:', '  web:', '    image: busybox', '    build: .'].join('\\n'));
    expect(execute(st, 'docker compose --progress plain pull --ignore-buildable').output).toBe(' web Skipped - Image can be built \n');
  });
});
