// docker build on 26.1 without a terminal and without -q: buildx prints BuildKit's plain progress
// on stderr (`#1 [internal] load build definition from Dockerfile`, `#5 DONE 0.3s`: timings that
// differ from run to run), which strata does not write. Printing nothing where Docker prints the
// progress would be a wrong transcript: refused by name when stderr is the scenario's output.

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';

const withContext = (engine: 'docker-26.1' | 'docker-20.10') => execute(initialState({ engine }), "mkdir -p app && printf 'FROM busybox\\nRUN echo hi\\n' > app/Dockerfile").state;

describe('BuildKit plain progress', () => {
  it('is refused by name when stderr is what the scenario shows, and nothing is built', () => {
    const r = execute(withContext('docker-26.1'), 'docker build -t app app');
    expect(r.exitCode).toBe(125);
    expect(r.output).toBe("strata does not simulate BuildKit's plain progress output (each step with its timing, on stderr): use docker build -q, or send stderr elsewhere (2>/dev/null)\n");
    expect(execute(r.state, 'docker images -q app').output).toBe('');
  });

  it('builds when stderr goes elsewhere, or with -q', () => {
    const quietly = execute(withContext('docker-26.1'), 'docker build -t app app 2>/dev/null');
    expect(quietly.exitCode).toBe(0);
    expect(execute(quietly.state, 'docker images -q app').output).toMatch(/^[0-9a-f]{12}\n$/);
    expect(execute(withContext('docker-26.1'), 'docker build -q -t app app').output).toMatch(/^sha256:[0-9a-f]{64}\n$/);
  });

  it("leaves 20.10's legacy builder alone: its steps print no timings", () => {
    const r = execute(withContext('docker-20.10'), 'docker build -t app app');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('Step 2/2 : RUN echo hi\n');
  });
});
