// `docker commit -c` / `docker import -c`: each change is one Dockerfile instruction applied to
// the image config as moby's BuildFromConfig dispatchers do (builder/dockerfile/dispatchers.go:
// ENV replaces a variable of the same name, WORKDIR resolves against the current one, EXPOSE
// defaults to tcp, shell forms run through /bin/sh -c), and only the config-changing ones pass.

import { describe, expect, it } from 'vitest';
import { applyCommitChange, applyCommitChanges } from '../../src/image/commit-changes.ts';
import { emptyImageConfig } from '../../src/image/import.ts';
import type { ImageConfig } from '../../src/engine/state.ts';

const base = (): ImageConfig => ({ ...emptyImageConfig(), Env: ['PATH=/bin', 'HOME=/root'], WorkingDir: '/srv', Labels: { keep: 'yes' } });

function apply(change: string, cfg = base()): ImageConfig {
  const r = applyCommitChange(cfg, change, true);
  if (typeof r === 'string') throw new Error(r);
  return r;
}

describe('applyCommitChange', () => {
  it('ENV replaces a variable of the same name in place, appends a new one, and expands against the old values', () => {
    expect(apply('ENV HOME=/home/x NEW=$HOME').Env).toEqual(['PATH=/bin', 'HOME=/home/x', 'NEW=/root']);
    expect(apply('ENV PATHX=1').Env).toEqual(['PATH=/bin', 'HOME=/root', 'PATHX=1']);
    expect(apply('ENV A=1', { ...base(), Env: null }).Env).toEqual(['A=1']);
    expect(apply('ENV PATH=/x').Env).toEqual(['PATH=/x', 'HOME=/root']);
    expect(apply('ENV PATH=/y', { ...base(), Env: ['PATHX=1', 'PATH=/bin'] }).Env).toEqual(['PATHX=1', 'PATH=/y']);
  });

  it('CMD and ENTRYPOINT: the JSON form as given, the shell form through /bin/sh -c', () => {
    expect(apply('CMD ["cat", "/x"]').Cmd).toEqual(['cat', '/x']);
    expect(apply('CMD echo $HOME').Cmd).toEqual(['/bin/sh', '-c', 'echo $HOME']);
    expect(apply('ENTRYPOINT ["echo"]').Entrypoint).toEqual(['echo']);
    expect(apply('ENTRYPOINT top -b').Entrypoint).toEqual(['/bin/sh', '-c', 'top -b']);
  });

  it('WORKDIR resolves a relative path against the current one (or /), USER and STOPSIGNAL expand variables', () => {
    expect(apply('WORKDIR app').WorkingDir).toBe('/srv/app');
    expect(apply('WORKDIR app', { ...base(), WorkingDir: '' }).WorkingDir).toBe('/app');
    expect(apply('WORKDIR $HOME/w').WorkingDir).toBe('/root/w');
    expect(apply('USER $HOME').User).toBe('/root');
    expect(apply('STOPSIGNAL SIGTERM').StopSignal).toBe('SIGTERM');
  });

  it('LABEL, VOLUME and EXPOSE add to what the image has; a port without protocol is tcp', () => {
    expect(apply('LABEL a=b "c d"=e').Labels).toEqual({ keep: 'yes', a: 'b', 'c d': 'e' });
    expect(apply('VOLUME /data $HOME').Volumes).toEqual({ '/data': {}, '/root': {} });
    expect(apply('VOLUME ["/a", "/b"]', { ...base(), Volumes: { '/old': {} } }).Volumes).toEqual({ '/old': {}, '/a': {}, '/b': {} });
    expect(apply('EXPOSE 80 53/udp', { ...base(), ExposedPorts: { '22/tcp': {} } }).ExposedPorts).toEqual({ '22/tcp': {}, '80/tcp': {}, '53/udp': {} });
  });

  it('refuses a build-only instruction in the daemon\'s case, and leaves the config alone for an empty change', () => {
    expect(applyCommitChange(base(), 'RUN true', true)).toBe('RUN is not a valid change command');
    expect(applyCommitChange(base(), 'RUN true', false)).toBe('run is not a valid change command');
    expect(applyCommitChange(base(), 'COPY a b', false)).toBe('copy is not a valid change command');
    expect(applyCommitChange(base(), 'ONBUILD RUN x', true)).toBe('strata does not simulate `ONBUILD` in docker commit -c');
    const cfg = base();
    expect(applyCommitChange(cfg, '', true)).toBe(cfg);
    // the change never touches the config it was given
    apply('ENV HOME=/x', cfg);
    expect(cfg.Env).toEqual(['PATH=/bin', 'HOME=/root']);
  });

  it('applies changes in order, stopping at the first refused one', () => {
    const r = applyCommitChanges(base(), ['ENV A=1', 'ENV B=$A'], true);
    expect('config' in r && r.config.Env).toEqual(['PATH=/bin', 'HOME=/root', 'A=1', 'B=1']);
    expect(applyCommitChanges(base(), ['ENV A=1', 'FROM x', 'ENV B=2'], false)).toEqual({ error: 'from is not a valid change command' });
    expect(applyCommitChanges(base(), [], true)).toEqual({ config: base() });
  });
});
