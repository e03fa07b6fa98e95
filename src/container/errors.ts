// Errors the daemon (or runc through it) reports for a container; the docker command frames them.

export class DaemonError extends Error {
  /** `docker run` exit status: 125 by default; 126/127 chosen from the text by the CLI. */
  constructor(message: string) {
    super(message);
    this.name = 'DaemonError';
  }
}
