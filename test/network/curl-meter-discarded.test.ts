// curl's progress meter goes to stderr (src/tool_operate.c, src/tool_progress.c); strata refuses
// it where someone sees it (the transcript, a pipe, a file read later). Sent to /dev/null it is
// seen by nobody, so the transfer runs: the body where it goes, the file written.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

function webServer(): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1' });
  d.loadImages(['nginx:alpine']);
  expect(d.run('docker run -d --name web -p 8080:80 nginx:alpine').exitCode).toBe(0);
  return d;
}

describe("curl with its meter on /dev/null", () => {
  it('runs: the body on stdout, or in the -o file', () => {
    const d = webServer();
    const page = d.run('docker exec web cat /usr/share/nginx/html/index.html').output;
    expect(page).toContain('<title>Welcome to nginx!</title>');
    expect(d.run('curl localhost:8080 2>/dev/null')).toEqual({ output: page, exitCode: 0 });
    expect(d.run('curl -o page.html localhost:8080 2>/dev/null')).toEqual({ output: '', exitCode: 0 });
    expect(d.run('cat page.html').output).toBe(page);
    expect(d.run('curl localhost:8080 2>/dev/null | grep -c nginx').output).toBe(`${page.split('\n').filter((l) => l.includes('nginx')).length}\n`);
  });

  it('is still refused where the meter is seen: the transcript, a pipe, a file', () => {
    const d = webServer();
    for (const line of ['curl -o page.html localhost:8080', 'curl localhost:8080 2>&1 | tail -1']) {
      expect(d.run(line).output).toMatch(/curl: strata does not simulate curl's progress meter/);
    }
    // (into a file, the refusal goes where stderr goes; the command fails as a refusal does)
    expect(d.run('curl -o p.html localhost:8080 2>err.log').exitCode).toBe(125);
  });
});
