// A normal install's pulled catalog image is the real one (src/image/real.ts): its Image ID and
// Created from docker-library/repo-info (catalog.json `registry.image`, checked against repo-info
// in catalog-real-image.test.ts), its size only where repo-info gives it, and what strata does not
// know refused by name. The expected values below are worked out from repo-info's lines by hand,
// never taken from strata. The oracle's mode (`busyboxStandIns`) keeps the stand-ins' own metadata.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { alt, holdsRealImages, sizeBounds, sureOutput, type RealFacts } from '../../src/image/real.ts';

function run(d: SimulatedDocker, line: string): { output: string; exitCode: number } {
  return d.run(line);
}

// repo-info 07d85259206e repos/nginx/remote/latest.md and 549aa8d3d9e4 repos/nginx/local/latest.md:
//   Image ID: `sha256:4e5db4761e0ff445f7fd29aad680ad28e8abf7d204895557f145d65535abcc1c` (both)
//   Created: `2026-07-15T23:30:55.953154252Z`, Virtual Size: ~ 161.33 Mb
const NGINX_ID = '4e5db4761e0ff445f7fd29aad680ad28e8abf7d204895557f145d65535abcc1c';
// repo-info 0b63eeca29bd repos/postgres/remote/16.md: Image ID `sha256:1b3c642526f8...`, last step
// `# Sat, 19 Sep 2026 00:36:54 GMT`; f0183a319be3 repos/postgres/local/16.15.md, the same Image ID:
// Created `2026-09-19T00:36:54.335664785Z`, Virtual Size: ~ 451.31 Mb.
const POSTGRES_ID = '1b3c642526f8d274b12bdcd93b90aeb7e68a1f59eb20613adb96ed561c01d98c';
// repo-info 0b63eeca29bd repos/postgres/remote/17.md: Image ID `sha256:212aeeeb8faa...`, last step
// `# Sat, 19 Sep 2026 00:36:29 GMT`; the local files of 17 kept in the index are other builds: no size.
const POSTGRES17_ID = '212aeeeb8faaef6c46498d86cbec6b9344d8d9492996b174664ff82c562ab685';

// repo-info 11dd8d4cffac repos/hello-world/remote/latest.md: Image ID `sha256:e2ac70e7319a...`, last
// step `# Mon, 23 Mar 2026 21:33:59 GMT`; no local file of this build. The image is FROM scratch with
// one file, docker-library/hello-world@a1942f2 amd64/hello, `git ls-tree -l`: 10072 bytes; overlay2
// counts a layer as its regular files' sizes (moby pkg/directory calcSize). Public `docker images`
// of e2ac70e7319a show 10.1kB, and a `docker inspect` of the 2025 build of the same blob "Size": 10072.
const HELLO_ID = 'e2ac70e7319a02c5a477f5825259bd118b94e8b02c279c67afa63adab6d8685b';

describe.each(['docker-20.10', 'docker-26.1'] as const)('a pulled catalog image in a normal install (%s)', (engine) => {
  it("shows hello-world's size to the byte: one file whose size its source repository gives", () => {
    const d = new SimulatedDocker({ engine });
    expect(run(d, 'docker pull -q hello-world').exitCode).toBe(0);
    expect(run(d, "docker image inspect -f '{{.Id}} {{.Size}}' hello-world").output).toBe(`sha256:${HELLO_ID} 10072\n`);
    // go-units HumanSizeWithPrecision(10072, 3): 10.1kB; 2026-12-31 is 283 days after 2026-03-23: 9 months
    expect(run(d, 'docker images hello-world').output).toBe(
      'REPOSITORY    TAG       IMAGE ID       CREATED        SIZE\n' + `hello-world   latest    ${HELLO_ID.slice(0, 12)}   9 months ago   10.1kB\n`,
    );
  });

  it("shows the real image's ID, Created and, where repo-info has it, size", () => {
    const d = new SimulatedDocker({ engine });
    expect(run(d, 'docker pull -q nginx').exitCode).toBe(0);
    expect(run(d, "docker image inspect -f '{{.Id}} {{.Created}}' nginx").output).toBe(`sha256:${NGINX_ID} 2026-07-15T23:30:55.953154252Z\n`);
    // repo-info's scan-local.sh writes Size in units of 10^6 bytes rounded to two decimals: 161.33 Mb is
    // 161,325,000 to 161,335,000 bytes, 161MB at docker images' 3 digits (go-units, base 1000) either
    // way. The reader's date is 2026-12-31, 168 days after Created: go-units HumanDuration says
    // 168*24 hours / 24 / 30 = 5 months.
    expect(run(d, 'docker images nginx').output).toBe(
      'REPOSITORY   TAG       IMAGE ID       CREATED        SIZE\n' + `nginx        latest    ${NGINX_ID.slice(0, 12)}   5 months ago   161MB\n`,
    );
  });

  it('refuses by name what repo-info does not give: a size of another build, Created to the nanosecond, the history, the disk usage', () => {
    const d = new SimulatedDocker({ engine });
    run(d, 'docker pull -q postgres:17');
    // 2026-12-31 is 103 days after 2026-09-19: 3 months
    expect(run(d, "docker images --format '{{.ID}} {{.CreatedSince}} {{.CreatedAt}}' postgres").output).toBe(`${POSTGRES17_ID.slice(0, 12)} 3 months ago 2026-09-19 00:36:29 +0000 UTC\n`);
    expect(run(d, "docker image inspect -f '{{.Id}}' postgres:17").output).toBe(`sha256:${POSTGRES17_ID}\n`);
    for (const [line, what] of [
      ['docker images', "the real postgres:17's size on disk"],
      ["docker image inspect -f '{{.Size}}' postgres:17", "the real postgres:17's size on disk"],
      ["docker image inspect -f '{{.Created}}' postgres:17", "the real postgres:17's Created to the nanosecond"],
      ["docker image inspect -f '{{json .RootFS}}' postgres:17", "the real postgres:17's layers and build steps"],
    ] as const) {
      const r = run(d, line);
      expect(r.exitCode, line).toBe(125);
      expect(r.output, line).toContain(what);
    }
    expect(run(d, 'docker history postgres:17').output).toMatch(/^strata does not simulate `docker history` of the real postgres:17/);
    expect(run(d, 'docker system df').output).toMatch(/^strata does not simulate `docker system df` with the real postgres:17/);
    // what does not show the unknowns still runs
    expect(run(d, "docker images --format '{{.Repository}}:{{.Tag}}'").output).toBe('postgres:17\nbusybox:latest\n');
    expect(run(d, "docker image inspect -f '{{.Config.StopSignal}}' postgres:17").output).toBe('SIGINT\n');
  });

  it("shows the size and Created of a build whose local file repo-info keeps under another of its tags", () => {
    const d = new SimulatedDocker({ engine });
    run(d, 'docker pull -q postgres:16');
    expect(run(d, "docker image inspect -f '{{.Id}} {{.Created}}' postgres:16").output).toBe(`sha256:${POSTGRES_ID} 2026-09-19T00:36:54.335664785Z\n`);
    // 451.31 Mb: 451,305,000 to 451,315,000 bytes, 451MB at 3 digits
    expect(run(d, "docker images --format '{{.Size}}' postgres:16").output).toBe('451MB\n');
    // docker image inspect prints the bytes: not known to the byte
    expect(run(d, "docker image inspect -f '{{.Size}}' postgres:16").exitCode).toBe(125);
  });

  it('an image built on one holds its layers: its history is not known, its size is the base\'s plus its own layers', () => {
    const d = new SimulatedDocker({ engine });
    run(d, 'docker pull -q postgres:16');
    expect(run(d, "printf 'FROM postgres:16\\nENV A=1\\n' > Dockerfile && docker build -q -t app .").exitCode).toBe(0);
    expect(run(d, 'docker history app').exitCode).toBe(125);
    // ENV adds an empty layer: 451.31 Mb as above
    expect(run(d, "docker images app --format '{{.Size}}'").output).toBe('451MB\n');
    expect(run(d, "docker images app --format '{{.Repository}}'").output).toBe('app\n');
  });

  it('an image built on one whose size is not known: its size is not known either', () => {
    const d = new SimulatedDocker({ engine });
    run(d, 'docker pull -q postgres:17');
    expect(run(d, "printf 'FROM postgres:17\\nENV A=1\\n' > Dockerfile && docker build -q -t app .").exitCode).toBe(0);
    expect(run(d, "docker images app --format '{{.Size}}'").exitCode).toBe(125);
  });

  it('docker system df counts each real image whole, at its size: when no two share layers and every bound prints the same', () => {
    const d = new SimulatedDocker({ engine });
    // without the base image, the images are the two real ones alone
    run(d, 'docker rmi busybox');
    run(d, 'docker pull -q postgres:16');
    run(d, 'docker pull -q nginx');
    // 451.31 Mb + 161.33 Mb = 612,640,000 bytes within 10,000: 612.6MB at go-units HumanSize's 4 digits
    expect(run(d, "docker system df --format '{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}'").output).toBe(
      'Images|2|0|612.6MB|612.6MB (100%)\nContainers|0|0|0B|0B\nLocal Volumes|0|0|0B|0B\nBuild Cache|0|0|0B|0B\n',
    );
    // a container of nginx holds nginx's 161.33 Mb: 451.31 Mb reclaimable, 451.31 / 612.64 = 73.7 %,
    // 73 % at every end of the bounds (docker/cli formatter/disk_usage.go: (reclaimable*100)/total)
    expect(run(d, 'docker create --name web nginx').exitCode).toBe(0);
    expect(run(d, "docker system df --format '{{.Type}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}'").output.split('\n')[0]).toBe('Images|1|612.6MB|451.3MB (73%)');
    // -v lists the real layers' sizes: not known
    expect(run(d, 'docker system df -v').output).toMatch(/^strata does not simulate `docker system df` with the real postgres:16, nginx:latest: the sizes on disk of its layers are not known/);
    // alpine:3.24 and postgres:16-alpine both begin with the layer e2de96513ba9 (repo-info): what they
    // share is counted once, and its size is not known
    run(d, 'docker pull -q alpine');
    run(d, 'docker pull -q postgres:16-alpine');
    expect(run(d, 'docker system df').output).toContain('alpine:latest and postgres:16-alpine share layers whose sizes on disk are not known');
  });

  it('docker system df refuses a total that its bounds print two ways', () => {
    const d = new SimulatedDocker({ engine });
    run(d, 'docker rmi busybox');
    // 8.42 Mb: 8,415,000 to 8,425,000 bytes, 8.415MB to 8.425MB at 4 digits
    run(d, 'docker pull -q alpine');
    expect(run(d, 'docker system df').output).toMatch(/^strata does not simulate what `docker system df` prints here: the real alpine:latest's size on disk/);
  });

  it('an image of a "# images:" line was pulled earlier: the same image as a pull, with its digest', () => {
    const d = new SimulatedDocker({ engine });
    expect(d.loadImages(['nginx:latest'])).toEqual([]);
    expect(run(d, "docker image inspect -f '{{.Id}} {{.RepoDigests}}' nginx").output).toBe(
      `sha256:${NGINX_ID} [nginx@sha256:5a88c9c45479443d7be2eadc894b4ed0a9801bae03d97a5760ae13b5c2005942]\n`,
    );
    expect(run(d, 'docker images -a -q').output.split('\n').filter((l) => l !== '')).toHaveLength(2);
  });

  it("the oracle's stand-ins keep their own metadata", () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    run(d, 'docker pull -q postgres:16');
    expect(run(d, "docker image inspect -f '{{.Id}}' postgres:16").output).not.toContain(POSTGRES_ID);
    expect(run(d, 'docker history -q postgres:16').exitCode).toBe(0);
    expect(run(d, 'docker system df').exitCode).toBe(0);
  });
});

describe("repo-info's Virtual Size", () => {
  // scan-local.sh: awk's `printf "~ %.2f Mb", $1 / oneMb` with oneMb = 1000 * 1000 (repo-info@72e4be79),
  // then jq's `. * 100 | round / 100`, which prints 294.3 for 294.30 (postgres:16-alpine's local file)
  it('stands for the bytes within half a hundredth of its unit of 1000, 10^6 or 10^9 bytes', () => {
    expect(sizeBounds('161.33 Mb')).toEqual([161_325_000, 161_335_000]);
    expect(sizeBounds('294.3 Mb')).toEqual([294_295_000, 294_305_000]);
    expect(sizeBounds('1.21 Gb')).toEqual([1_205_000_000, 1_215_000_000]);
    expect(sizeBounds('13.26 Kb')).toEqual([13_255, 13_265]);
    expect(() => sizeBounds('161MB')).toThrow();
    expect(() => sizeBounds('161.333 Mb')).toThrow();
  });
});

describe('busybox:latest, the base image every engine starts with', () => {
  it('stays the oracle\'s own after a pull brings it back: its ID, history and disk usage show', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    const id = d.run("docker image inspect -f '{{.Id}}' busybox").output;
    expect(d.run('docker rmi busybox').exitCode).toBe(0);
    // BuildKit resolves the missing base itself (image/pull.ts buildBaseImage)
    expect(d.run("printf 'FROM busybox\\nRUN echo hi > /f\\n' > Dockerfile && docker build -q -t b .").exitCode).toBe(0);
    expect(d.run('docker history -q b').exitCode).toBe(0);
    expect(d.run('docker pull -q busybox').exitCode).toBe(0);
    expect(d.run("docker image inspect -f '{{.Id}}' busybox").output).toBe(id);
    expect(d.run('docker system df').exitCode).toBe(0);
  });
});

describe('sureOutput: a read-only output with the unknown facts set two ways', () => {
  const pulled = (): SimulatedDocker => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    run(d, 'docker pull -q postgres:17');
    return d;
  };
  const facts = (d: SimulatedDocker): RealFacts => holdsRealImages(d.state)[0];

  it('renders once when the output asks about no unknown fact, and twice per fact it asks about', () => {
    const d = pulled();
    let renders = 0;
    expect(sureOutput(d.state, () => (renders++, 'same'), (a, b) => a === b, 'docker x')).toBe('same');
    expect(renders).toBe(1);
    // postgres:17's repo-info gives its ID but neither its size nor Created to the nanosecond
    renders = 0;
    expect(sureOutput(d.state, () => (renders++, alt('size', facts(d)), 'same'), (a, b) => a === b, 'docker x')).toBe('same');
    expect(renders).toBe(2);
    renders = 0;
    expect(sureOutput(d.state, () => (renders++, alt('size', facts(d)), alt('layers', facts(d)), 'same'), (a, b) => a === b, 'docker x')).toBe('same');
    expect(renders).toBe(3);
  });

  it('refuses an output that a fact the first render asked about changes, and names it', () => {
    const d = pulled();
    expect(() => sureOutput(d.state, () => `${alt('created', facts(d))}`, (a, b) => a === b, 'docker x')).toThrow(/`docker x` prints here: the real postgres:17's Created to the nanosecond \(/);
    // a fact known is never set the other way, asked or not
    expect(sureOutput(d.state, () => `${alt('id', facts(d))}`, (a, b) => a === b, 'docker x')).toBe('false');
  });
});
