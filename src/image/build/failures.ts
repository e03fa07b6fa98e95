// How a build step fails. A StepFailure carries each builder's words (the legacy builder prints
// its text after the build log, exit `code`; BuildKit its text after `ERROR: failed to solve: `
// and the Dockerfile excerpt of the failing line, exit 1); a Refusal is strata's own refusal of
// something it does not simulate (exit 125).

import type { Instruction } from './dockerfile.ts';

export class StepFailure extends Error {
  constructor(
    readonly instruction: Instruction,
    readonly legacyText: string,
    readonly buildkitText: string,
    readonly code: number,
    /** What BuildKit puts between `ERROR: ` and its text (a pull error carries its own). */
    readonly buildkitPrefix = 'failed to solve: ',
    /** BuildKit shows the Dockerfile excerpt twice (an ONBUILD trigger that does not parse). */
    readonly excerptTwice = false,
  ) {
    super(legacyText);
  }

  /** What a RUN step that exited non-zero printed (BuildKit's display shows it after the build). */
  output?: string;
}

export class Refusal extends Error {}

/** moby's and BuildKit's dispatchVolume refusing an empty path. */
export const EMPTY_VOLUME = 'VOLUME specified can not be an empty string';
