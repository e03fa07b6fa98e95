// The CREATED columns measure against the simulated clock, as docker/cli measures against
// time.Now(): units.HumanDuration(now - created) + " ago" (images, history, ps). The recordings
// can only pin CreatedAt (inspect/format-json-rows): how long ago an image was made depends on
// the day it was recorded, so the relative forms are checked here against the engine's clock.

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';
import { humanDuration } from '../../src/docker/format/units.ts';
import { findImage } from '../../src/image/store.ts';
import { findContainer } from '../../src/container/lookup.ts';

function run(st: EngineState, line: string): { st: EngineState; output: string } {
  const r = execute(st, line);
  return { st: r.state, output: r.output };
}

describe('CREATED, against the engine clock', () => {
  it('docker images and docker history say how long ago the image and each step were made', () => {
    const st = initialState({ engine: 'docker-26.1' });
    const image = findImage(st, 'busybox')!;
    const images = run(st, "docker images --format '{{.CreatedSince}}' busybox");
    // a command costs the clock a second; the stand-in is months older than the engine's start
    expect(images.output).toBe(`${humanDuration(images.st.clock - image.created)} ago\n`);
    const history = run(images.st, "docker history --format '{{.CreatedSince}}' busybox");
    expect(history.output).toBe(`${humanDuration(history.st.clock - image.history[0].created)} ago\n`);
  });

  it('docker ps says how long ago a container was created, in go-units words', () => {
    let st = initialState({ engine: 'docker-20.10' });
    st = run(st, 'docker create --name cr busybox true').st;
    const c = findContainer(st, 'cr')!;
    // the engine's clock moves a second a command; ninety seconds later:
    st = { ...st, clock: st.clock + 90 };
    const ps = run(st, "docker ps -a --format '{{.RunningFor}}'");
    expect(ps.output).toBe(`${humanDuration(ps.st.clock - c.created)} ago\n`);
    // 60 to 119 seconds: HumanDuration's `About a minute` (the old rounding said `2 minutes`)
    expect(ps.st.clock - c.created).toBeGreaterThanOrEqual(90);
    expect(ps.output).toBe('About a minute ago\n');
  });
});
