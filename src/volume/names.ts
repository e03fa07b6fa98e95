// Volume name validation of the local driver (moby daemon/volume/local validateName), with the
// daemon's error text; the `create NAME: ` prefix is the OpErr wrapper.

const RESTRICTED = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** undefined when valid, else the daemon's message (without "Error response from daemon: "). */
export function validateVolumeName(name: string): string | undefined {
  if (name.length === 1) {
    return `create ${name}: volume name is too short, names should be at least two alphanumeric characters`;
  }
  if (!RESTRICTED.test(name)) {
    return `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`;
  }
  return undefined;
}

export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';
