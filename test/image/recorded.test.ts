// The image store's recordings replayed in the unit suite (which leaves the corpora out), so that
// the mutants of src/image/*.ts meet a test that states what Docker does: docker rmi and image
// prune (store.ts: moby ImageService.ImageDelete, imageDeleteHelper, checkImageDeleteConflict,
// ImagesPrune), docker save, load and import (archive.ts, import.ts), commit and import
// --change (commit-changes.ts), layers and their sizes (layers.ts), and the reference filter's
// glob (glob.ts); WORKDIR's history rows, comments and layers (build/workdir.ts: a layer only
// for a directory it makes on the legacy builder, always one on BuildKit; none for `/` on BuildKit;
// a loop of links, counted by each builder its own way). The image ID of a build (build/build-state.ts:
// `--no-cache` makes a new image on the legacy builder, on BuildKit only when a step makes a layer). Each one is a whole
// recording, replayed as test/conformance replays it. RUN --mount (build/run-mount.ts: each
// builder's parseMount, the mounts a step sees and what stays in its layer).
// What a Dockerfile says before a step runs (build/{dockerfile,expand,healthcheck,parse-checks,
// convert}.ts: the parser, the lexer, the conversion); references (reference.ts). A context from
// stdin (build/stdin-context.ts: a tar as the whole context, `-f -` beside a directory, the legacy
// CLI's rewritten .dockerignore and the size it prints).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';
import type { EngineName } from '../../src/engine/profile.ts';

const RECORDINGS: Record<string, string[]> = {
  'rmi and image prune': ['image-layers/rmi-conflicts', 'image-layers/rmi-conflicts-by-id', 'image-layers/rmi-parents', 'core/rmi-in-use', 'image-layers/image-prune-filters', 'core/rebuild-dangling', 'image-layers/rmi-reference-rules', 'image-layers/image-prune-refs', 'image-layers/images-quiet-tags'],
  'save, load and import': ['image-layers/save-config', 'image-layers/save-layout', 'image-layers/save-load-import', 'image-layers/save-load-tags', 'image-layers/save-oci-index', 'image-layers/import', 'image-layers/import-empty'],
  'commit and its changes': ['image-layers/commit-changes', 'image-layers/commit-without-changes', 'image-layers/change-errors'],
  'WORKDIR steps': ['core/build-workdir', 'builds/copy-history', 'lessons/build-context-copy', 'core/image-inspect-misc', 'builds/workdir-history', 'builds/copy-source-before-run', 'fs/symlink-loop', 'fs/symlink-chain'],
  // and the legacy builder's step containers: Container and ContainerConfig of each step's image (build/builder.ts; 20.10 only)
  'image IDs, --no-cache and step containers': ['builds/build-no-cache-metadata', 'builds/build-iidfile', 'builds/legacy-container-config', 'builds/build-rm-false', 'builds/realworld-build-rm-flags', 'builds/legacy-step-entrypoint', 'builds/build-image-comment', 'builds/run-stderr-colour'],
  // the predefined proxy args: which names, which spellings RUN sees, out of the cache key (moby
  // builtinAllowedBuildArgs and dispatchRun, BuildKit proxyEnvFromBuildArgs and ExecOp.CacheMap)
  'the proxy args': ['builds/build-proxy-cache', 'builds/build-proxy-cache-gone', 'builds/proxy-arg-cases', 'builds/proxy-arg-warning', 'builds/realworld-proxy-args'],
  'RUN --mount': ['builds/run-mount-options', 'builds/run-mount-size-values', 'builds/run-mount-size-fraction', 'builds/run-mount-size-key', 'builds/run-mount-options-legacy', 'builds/run-mount-kinds', 'builds/buildkit-only-flags', 'builds/buildkit-only-flags-legacy', 'builds/heredoc-script-mount'],
  'the Dockerfile parser and lexer': ['builds/expand-errors', 'builds/expand-instructions', 'builds/expand-defaults', 'builds/expand-pattern-runes', 'builds/healthcheck', 'builds/healthcheck-flags', 'builds/onbuild-triggers', 'builds/env-arg-forms', 'builds/shell', 'builds/empty-continuation-line', 'builds/continuation-backslashes', 'builds/heredocs', 'builds/meta-args', 'builds/build-arg-forms', 'builds/copy-from-variable', 'builds/build-unneeded-stage', 'builds/multi-stage-errors', 'builds/multi-stage', 'builds/expand-conversion-env', 'builds/stage-name-case', 'builds/conversion-instructions', 'builds/conversion-values', 'builds/conversion-mount-workdir', 'builds/conversion-stages', 'builds/copy-from-reference-legacy', 'builds/expose-bad-ports', 'builds/empty-continuation-log'],
  // a stage's steps (build/builder.ts runStage): ONBUILD triggers before one that does not parse,
  // what BuildKit writes to stdout, the legacy Config.Image after FROM scratch, ENV of a name that
  // prefixes another, several pairs in one row, a stage FROM a stage (BuildKit's ARG values), --label,
  // EXPOSE and VOLUME adding to earlier ones, the legacy HEALTHCHECK override note, VOLUME without arguments,
  // the legacy log of the triggers' steps
  'stage steps': ['builds/onbuild-trigger-before-bad', 'builds/buildkit-stdout', 'builds/from-scratch-config-image', 'builds/env-label-config', 'builds/stage-inherit', 'builds/build-label-env-arg', 'builds/metadata-merge', 'builds/volume-no-args', 'builds/onbuild-log'],
  // build() before the first stage runs: an empty Dockerfile or one without instructions, parser
  // directives, unknown instructions and their suggestions, a bad .dockerignore pattern, meta ARGs
  // that do not parse, no FROM
  'before the first stage': ['builds/empty-dockerfile-forms', 'builds/build-odds', 'core/build-unknown-instruction', 'builds/escape-directive', 'builds/build-suggestions', 'builds/dockerignore-bad-pattern', 'builds/meta-arg-problems', 'builds/rw-flagless-instructions'],
  'build contexts from stdin': ['builds/build-stdin-dockerfile-dir', 'builds/build-context-archive-stdin'],
  'layers': ['image-layers/layer-stack', 'image-layers/hardlinks', 'image-layers/run-step-view', 'image-layers/reference-filter-glob', 'image-layers/reference-forms', 'image-layers/reference-index-domain', 'hardlinks/sizes'],
};

for (const engine of ['docker-20.10', 'docker-26.1'] as EngineName[]) {
  describe.each(Object.entries(RECORDINGS))(`%s (${engine})`, (_topic, names) => {
    it.each(names.filter((n) => existsSync(file(engine, n))))('%s', (name) => {
      const s = parseScenario(readFileSync(file(engine, name), 'utf8'), name);
      // as the oracle ran them: its stand-ins and its clock (test/conformance/conformance.test.ts)
      const r = checkScenario(s, new SimulatedDocker({ engine, daemon: parseDaemonFlags('--bridge=none'), busyboxStandIns: true }));
      expect(r.passed, r.diff).toBe(true);
    });
  });
}

function file(engine: EngineName, name: string): string {
  return join(import.meta.dirname, '..', 'recorded', engine, `${name}.scenario`);
}
