// docker commit -c / docker import -c: the changes apply in order over the config, and the first
// one the daemon refuses is the error (moby builder/dockerfile BuildFromConfig).
import { describe, expect, it } from 'vitest';
import { applyCommitChanges } from '../../src/image/commit-changes.ts';
import { emptyImageConfig } from '../../src/image/import.ts';

describe('applyCommitChanges', () => {
  it('applies every change in order, later ones seeing earlier ones', () => {
    const r = applyCommitChanges(emptyImageConfig(), ['ENV A=1', 'ENV B=$A-2', 'WORKDIR /x', 'WORKDIR y', 'CMD ["sh"]'], false);
    expect(r).toEqual({ config: expect.objectContaining({ Env: ['A=1', 'B=1-2'], WorkingDir: '/x/y', Cmd: ['sh'] }) });
  });

  it('stops at the first refused change, in the profile case', () => {
    expect(applyCommitChanges(emptyImageConfig(), ['ENV A=1', 'RUN true', 'FROM x'], false)).toEqual({ error: 'run is not a valid change command' });
    expect(applyCommitChanges(emptyImageConfig(), ['RUN true'], true)).toEqual({ error: 'RUN is not a valid change command' });
  });

  it('leaves the config alone without changes', () => {
    const cfg = emptyImageConfig();
    expect(applyCommitChanges(cfg, [], false)).toEqual({ config: cfg });
  });
});
