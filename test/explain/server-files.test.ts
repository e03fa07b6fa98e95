// A real server's files in the students' tools (explain, where, diagram): in a normal install the
// catalog stand-ins keep placeholders where a database writes its files (FileNode.placeholder), so
// their real sizes are not known. The notes and the diagram say so instead of printing the
// placeholders' bytes, count such files as data (a volume of them is data lost or orphaned, never
// "no data"), and show a pulled image as the real image's layers, not the stand-in's build steps.
// With --busybox-stand-ins (the oracle's images, built by the recorder) the bytes are the stand-ins'
// own and are shown.

import { describe, expect, it } from 'vitest';
import { explainSteps } from '../../src/explain/explain.ts';
import { scenarioSession } from '../../src/explain/session.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { commandSteps } from '../../src/scenario/model.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { buildDiagram, type Snapshot } from '../../src/explain/diagram/model.ts';
import { renderText } from '../../src/explain/diagram/text.ts';
import { holdsData } from '../../src/explain/trees.ts';

const SCENARIO = `# engine: docker-26.1
# images: postgres:16

$ docker run -d --name db -e POSTGRES_PASSWORD=secret postgres:16
$ docker exec db psql -U postgres -c "CREATE TABLE t (x int);"
$ docker rm -f -v db
`;

const notes = (busyboxStandIns: boolean): string => {
  const x = explainSteps(scenarioSession(parseScenario(SCENARIO, 'test.scenario'), busyboxStandIns ? { busyboxStandIns } : {})).explanation;
  return x.steps.flatMap((s) => s.notes).join('\n');
};

describe("explain: a real server's files have no size strata knows", () => {
  const normal = notes(false);
  it('in a normal install the table file postgres writes is named without a size', () => {
    expect(normal).toMatch(/created \/var\/lib\/postgresql\/data\/base\/5\/16384 \(the server's file: size not simulated\)/);
    expect(normal).not.toMatch(/base\/5\/16384 \(\d+ bytes?\)/);
  });
  it("the volume removed with the container held data: it is lost, not 'no data lost'", () => {
    const removed = normal.split('\n').filter((l) => l.includes('removed with container db'));
    expect(removed).toHaveLength(1);
    expect(removed[0]).toContain('gone for good');
    expect(removed[0]).not.toContain('no data lost');
  });
  it('with the stand-ins of the recordings the bytes are the stand-in\'s own, and shown', () => {
    expect(notes(true)).toMatch(/base\/5\/16384 \(\d+ bytes?\)/);
    expect(notes(true)).not.toContain('size not simulated');
  });
  it('an entry of unknown size holds data even at 0 bytes; an empty file does not', () => {
    expect(holdsData({ path: '/f', kind: 'file', bytes: 0, sizeUnknown: true })).toBe(true);
    expect(holdsData({ path: '/f', kind: 'file', bytes: 0 })).toBe(false);
  });
});

describe('diagram: a pulled image is the real image, its layers without steps or sizes', () => {
  const diagramAfter = (busyboxStandIns: boolean): string => {
    const s = parseScenario(SCENARIO, 'test.scenario');
    const docker = new SimulatedDocker({ engine: 'docker-26.1', ...(busyboxStandIns ? { busyboxStandIns } : {}) });
    docker.loadImages(s.images.map((i) => i.ref));
    const initial = docker.state;
    const snapshots: Snapshot[] = [];
    for (const step of commandSteps(s).slice(0, 2)) {
      docker.run(step.command);
      snapshots.push({ command: step.command, state: docker.state, events: docker.eventsByRun.at(-1) ?? [] });
    }
    return renderText(buildDiagram(initial, snapshots, snapshots.length));
  };
  it("normal install: postgres:16's 14 registry layers (catalog.json), no stand-in step, no size", () => {
    const text = diagramAfter(false);
    expect(text).toContain('image postgres:16: 14 layers, size not simulated');
    expect(text).toContain('layer 14 of the real postgres:16');
    expect(text).not.toMatch(/COPY docker-entrypoint|RUN mkdir/);
    expect(text).toMatch(/base\/5\/16384 \(size not simulated\)/);
  });
  it("--busybox-stand-ins: the stand-in's own layers, steps and sizes", () => {
    const text = diagramAfter(true);
    expect(text).toMatch(/image postgres:16: \d+ layers, [\d.]+ [kM]?B/);
    expect(text).not.toContain('not simulated');
  });
});
