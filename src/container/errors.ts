// Errors the daemon (or runc through it) reports for a container; the docker command frames them.

export class DaemonError extends Error {
  /** `docker run` exit status: 125 by default; 126/127 chosen from the text by the CLI. */
  constructor(message: string) {
    super(message);
    this.name = 'DaemonError';
  }
}

/**
 * A daemon error of the not-found class (HTTP 404). The CLI's create takes any 404 for a missing
 * image (docker/cli cli/command/container/create.go createContainer, errdefs.IsNotFound): it
 * says `Unable to find image`, pulls, and sends the create again.
 */
export class DaemonNotFound extends DaemonError {}

/** A mount whose source and target are not both directories (or both files). */
export class MountTypeError extends DaemonError {
  constructor(
    message: string,
    /** runc's source path (volume _data, host path, "tmpfs") and the container target. */
    readonly source: string,
    readonly target: string,
  ) {
    super(message);
    this.name = 'MountTypeError';
  }
}

/**
 * moby's translateContainerdStartErr: a start or exec failure that mentions ENOTDIR gets a hint
 * about mounts appended (recorded for exec in core/exec-options).
 */
export function withNotDirHint(desc: string): string {
  return desc.includes('not a directory')
    ? `${desc}: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type`
    : desc;
}
