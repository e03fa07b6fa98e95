// Engine profiles: the names strata accepts and the case of the daemon's own messages (25.0 and
// later start them in lower case: "container X is not running"; 20.10 capitalizes them).

import { describe, expect, it } from 'vitest';
import { daemonText, DEFAULT_ENGINE, isEngineName, PROFILES } from '../../src/engine/profile.ts';

describe('engine profiles', () => {
  it('knows the two engines by name, nothing inherited from Object', () => {
    expect(isEngineName('docker-20.10')).toBe(true);
    expect(isEngineName('docker-26.1')).toBe(true);
    for (const bad of ['docker-19.03', '', 'toString', '__proto__', 'constructor', 'DOCKER-26.1']) expect(isEngineName(bad)).toBe(false);
    expect(DEFAULT_ENGINE).toBe('docker-26.1');
    for (const [name, p] of Object.entries(PROFILES)) expect(p.name).toBe(name);
  });

  it('words daemon messages in each engine\'s case, changing only the first letter', () => {
    expect(daemonText(PROFILES['docker-26.1'], 'Container abc is not running')).toBe('container abc is not running');
    expect(daemonText(PROFILES['docker-20.10'], 'container abc is not running')).toBe('Container abc is not running');
    expect(daemonText(PROFILES['docker-20.10'], 'no command specified')).toBe('No command specified');
    expect(daemonText(PROFILES['docker-26.1'], 'No Command')).toBe('no Command');
    expect(daemonText(PROFILES['docker-26.1'], '')).toBe('');
  });
});
