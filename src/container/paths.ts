// Container paths as the daemon treats them.

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

/** Mount destinations are cleaned like Go's filepath.Clean before comparison. */
export function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') parts.pop();
    else parts.push(c);
  }
  return (p.startsWith('/') ? '/' : '') + parts.join('/') || '/';
}

/** Where the container's processes start: its working directory, cleaned (the config may keep the image's raw form). */
export function runtimeWorkdir(c: { config: { WorkingDir: string } }): string {
  return c.config.WorkingDir ? cleanPath(c.config.WorkingDir) : '/';
}
