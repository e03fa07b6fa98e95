// WORKDIR: makes the (cleaned) directory and its missing parents. BuildKit creates them owned by
// the stage's USER (dockerfile2llb dispatchWorkdir: llb.Mkdir(..., WithParents, WithUser));
// the legacy builder as root (moby container.SetupWorkingDirectory). A path through a file is
// refused by each builder in its own words (recorded: builds/workdir-volume-over-file).

import type { EngineState } from '../../engine/state.ts';
import type { EngineProfile } from '../../engine/profile.ts';
import { components, normalize } from '../../fs/path.ts';
import { followInScope, TooManyLinks } from '../../fs/follow-in-scope.ts';
import { addLayer } from '../layers.ts';
import type { Instruction } from './dockerfile.ts';
import { nopText, stepMergedDir, stepView, type BuildState } from './build-state.ts';
import { StepFailure } from './failures.ts';
import { buildkitOwner } from './owner.ts';

export function workdirStep(st: EngineState, profile: EngineProfile, b: BuildState, ins: Instruction): void {
  const legacy = profile.builder === 'legacy';
  const alwaysLayer = profile.workdirLayer;
  const wd = b.config.WorkingDir ?? '/';
  const path = normalize(wd);
  // BuildKit makes no mkdir for `/` (dockerfile2llb dispatchWorkdir: `if wd != "/" && ...`),
  // so the step is a history row without a layer and leaves the LLB state as it was (recorded:
  // builds/copy-source-before-run, a COPY --from the same image after it).
  if (alwaysLayer && path === '/') {
    b.history.push({ created: st.clock, createdBy: `WORKDIR ${wd}`, comment: 'buildkit.dockerfile.v0', emptyLayer: true, size: 0 });
    return;
  }
  const { upper, fs } = stepView(st, b.layers);
  const owner = legacy || !b.config.User ? undefined : buildkitOwner(fs, b.config.User);
  // Both builders make the directories of the path resolved in the image's root (the legacy
  // builder's GetResourcePath, moby pkg/symlink; BuildKit's continuity RootPath), not through the
  // kernel's 40 links; a loop fails the step, each builder by its count (recorded:
  // fs/symlink-loop, fs/symlink-chain)
  let resolved: string;
  try {
    resolved = followInScope(fs, path, legacy ? 'steps' : 'links');
  } catch (e) {
    if (!(e instanceof TooManyLinks)) throw e;
    const merged = stepMergedDir(legacy, JSON.stringify([b.layers, ins.original]));
    throw new StepFailure(ins, `evalSymlinksInScope: too many links in ${merged}${e.path}`, 'too many links', 1);
  }
  const parts = components(resolved);
  let cur = '';
  let created = false;
  for (let i = 0; i < parts.length; i++) {
    cur += '/' + parts[i];
    if (!fs.exists(cur)) {
      fs.mkdir(cur, 0o755);
      // (a set-group-ID parent's S_ISGID stays; the legacy builder chowns to root, BuildKit
      // leaves the parent's group: recorded builds/copy-parents-setgid)
      fs.chmod(cur, 0o755 | (fs.stat(cur).mode & 0o2000));
      if (owner) fs.chown(cur, owner.uid, owner.gid);
      else if (legacy) fs.chown(cur, 0, 0);
      created = true;
      continue;
    }
    if (fs.stat(cur).kind === 'dir') continue;
    const merged = stepMergedDir(legacy, JSON.stringify([b.layers, ins.original]));
    if (i === parts.length - 1) {
      throw new StepFailure(ins, `Cannot mkdir: ${path} is not a directory`, `mkdir ${merged}${path}: not a directory`, 1);
    }
    const below = `${cur}/${parts[i + 1]}`;
    throw new StepFailure(ins, `lstat ${merged}${below}: not a directory`, `lstat ${merged}${below}: not a directory`, 1);
  }
  const legacyText = nopText(b, `WORKDIR ${wd}`, true);
  if (!alwaysLayer && !created) {
    b.history.push({ created: st.clock, createdBy: legacyText, comment: '', emptyLayer: true, size: 0 });
    return;
  }
  // BuildKit's build cache holds the layer; the legacy builder's step image is all that does.
  b.layers.push(addLayer(st, b.layers, upper, { size: 0, cached: alwaysLayer }));
  b.history.push({ created: st.clock, createdBy: alwaysLayer ? `WORKDIR ${wd}` : legacyText, comment: alwaysLayer ? 'buildkit.dockerfile.v0' : '', emptyLayer: false, size: 0 });
}
