// curl on the reader's terminal (a Markdown page is typed at one): curl switches its progress meter
// off when the body goes to the terminal (src/tool_operate.c: "we send the output to a tty,
// therefore we switch off the progress meter"; checked with the host's curl 7.88.1 under
// script(1): `curl URL` printed the body alone, `curl URL | head` and `curl -o FILE URL` printed
// the meter on the terminal).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

/** A line typed at the page's terminal (the reader types nothing more while it runs). */
const atTerminal = (d: SimulatedDocker, line: string) => d.run(line, () => undefined);

function webServer(terminal: boolean): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal });
  d.loadImages(['nginx:alpine']);
  expect(d.run('docker run -d --name web -p 8080:80 nginx:alpine').exitCode).toBe(0);
  return d;
}

describe('curl with its output on a terminal', () => {
  it('prints the body alone, as the server sent it', () => {
    const d = webServer(true);
    const page = d.run('docker exec web cat /usr/share/nginx/html/index.html');
    expect(page.output).toContain('<title>Welcome to nginx!</title>');
    const got = atTerminal(d, 'curl localhost:8080');
    expect(got.exitCode).toBe(0);
    expect(got.output).toBe(page.output);
    expect(atTerminal(d, 'curl -o - http://localhost:8080/').output).toBe(page.output);
  });

  it('still shows its meter when the body goes to a pipe or a file: refused by name', () => {
    const d = webServer(true);
    for (const line of ['curl localhost:8080 | head -1', 'curl -o /tmp/page.html localhost:8080', 'curl localhost:8080 > /tmp/page.html']) {
      const got = atTerminal(d, line);
      expect(got.output).toMatch(/curl: strata does not simulate curl's progress meter/);
    }
  });

  it('without a terminal (a recording) the meter is there: refused by name', () => {
    const d = webServer(false);
    expect(d.run('curl localhost:8080').output).toMatch(/curl: strata does not simulate curl's progress meter/);
  });
});
