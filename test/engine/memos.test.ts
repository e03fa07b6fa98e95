// The core's caches (src/engine/memos.ts) hold pure results: emptying them between commands must
// change nothing a command prints or leaves behind, only what is computed again. Stryker's runs
// rely on it (test/mutation/setup.ts empties them before every test file).

import { describe, expect, it } from 'vitest';
import { clearMemos } from '../../src/engine/memos.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

// Touches every cache: the base layer, a stand-in pull and its build, layer digests, flattened
// stacks, init layers, a long script (the stand-in entrypoint), glob patterns, gzip and gunzip
// of an archive (archive/gzip.ts).
const COMMANDS = [
  'docker run -d --name db -e POSTGRES_PASSWORD=pw -v data:/var/lib/postgresql/data postgres:16',
  'docker exec db sh -c \'ls /var/lib/postgresql/data | head -3; x=abc.conf; echo ${x%.*}\'',
  'printf "FROM busybox\\nRUN echo hi > /f\\nCOPY a /a\\n" > Dockerfile; echo a > a; docker build -q -t img . | wc -c',
  'docker run --rm img sh -c "cat /f /a"',
  'docker rm -f db',
  'docker volume ls',
  // (img only: the size of the real postgres:16 is not known, src/image/real.ts)
  'docker images img --format "{{.Repository}}:{{.Tag}} {{.Size}}"',
  'docker save img > img.tar && gzip < img.tar > img.tar.gz && md5sum < img.tar',
  'gzip -dc img.tar.gz | md5sum && docker load -i img.tar.gz',
];

function replay(clearBetween: boolean) {
  clearMemos();
  // (the oracle's busybox:latest, whose layer docker save writes: the real one's is refused by name)
  const d = new SimulatedDocker({ engine: 'docker-26.1', oracleBase: true });
  return COMMANDS.map((c) => {
    if (clearBetween) clearMemos();
    return d.run(c);
  });
}

describe('memos', () => {
  it('emptying the caches before every command changes no output and no exit status', () => {
    const kept = replay(false);
    expect(kept.map((r) => r.exitCode)).toEqual(COMMANDS.map(() => 0));
    expect(kept[3].output).toBe('hi\na\n');
    // gunzip gives the saved archive back, whether the memo of the gzip before answers or not
    expect(kept[8].output).toBe(`${kept[7].output}Loaded image: img:latest\n`);
    expect(replay(true)).toEqual(kept);
  });
});
