// catalog.json's `registry.image` (the real image a normal install shows: catalog/README.md)
// against docker-library/repo-info itself. Each excerpt below is copied from repo-info at the
// commit the catalog pins (the remote file's linux/amd64 section: its Image ID line and its
// history's last date line) or the local file named: the expected values are parsed from them
// here, never taken from strata.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, CATALOG_DIR, checkRealImage } from '../../scripts/catalog.ts';
import { catalogEntry } from '../../src/image/catalog/index.ts';

interface Excerpt {
  ref: string;
  remote: { commit: string; path: string; imageId: string; lastDate: string };
  local?: { commit: string; path: string; text: string };
}

const EXCERPTS: Excerpt[] = [
  {
    ref: 'postgres:16',
    remote: {
      commit: '0b63eeca29bdd695a0db3d3249137b9929da650d',
      path: 'repos/postgres/remote/16.md',
      imageId: '-\tImage ID: `sha256:1b3c642526f8d274b12bdcd93b90aeb7e68a1f59eb20613adb96ed561c01d98c`',
      lastDate: '# Sat, 19 Sep 2026 00:36:54 GMT\nCMD ["postgres"]',
    },
    // of another build (2026-08-25): its size is not the pinned image's
    local: {
      commit: '374116b190f23c1567708973f6ccb4e93c9d19d4',
      path: 'repos/postgres/local/16.md',
      text: '- Image ID: `sha256:80f4c7a5e91618546dce5b4fe60cf03b14c0f9efa7e40157278d122772ced8d2`\n- Created: `2026-08-25T00:42:01.8414474Z`\n- Virtual Size: ~ 451.13 Mb  ',
    },
  },
  {
    ref: 'nginx:latest',
    remote: {
      commit: '07d85259206eb942e61621c998f30ba8bd48adb7',
      path: 'repos/nginx/remote/latest.md',
      imageId: '-\tImage ID: `sha256:4e5db4761e0ff445f7fd29aad680ad28e8abf7d204895557f145d65535abcc1c`',
      lastDate: '# Wed, 15 Jul 2026 23:30:55 GMT\nCMD ["nginx" "-g" "daemon off;"]',
    },
    local: {
      commit: '549aa8d3d9e4150daa8029ad7dbd4faf4a2f088f',
      path: 'repos/nginx/local/latest.md',
      text: '- Image ID: `sha256:4e5db4761e0ff445f7fd29aad680ad28e8abf7d204895557f145d65535abcc1c`\n- Created: `2026-07-15T23:30:55.953154252Z`\n- Virtual Size: ~ 161.33 Mb  ',
    },
  },
  {
    ref: 'nginx:alpine',
    remote: {
      commit: '073c780cc133d5ae32b07228be073797e67908f3',
      path: 'repos/nginx/remote/alpine.md',
      imageId: '-\tImage ID: `sha256:3dd08163706a20b20622f310ec10258cc96e9007ab357f7201955bc880ac17f4`',
      lastDate: '# Tue, 22 Sep 2026 22:10:17 GMT\nRUN set -x     && apkArch="$(cat /etc/apk/arch)"',
    },
    // repos/nginx/local/alpine.md (72e4be79b9c8) is nginx 1.23.3 of 2023, Image ID c433c51bbd66...
  },
  {
    ref: 'hello-world:latest',
    remote: {
      commit: '11dd8d4cffac4fc551076577688bcb063832beef',
      path: 'repos/hello-world/remote/latest.md',
      imageId: '-\tImage ID: `sha256:e2ac70e7319a02c5a477f5825259bd118b94e8b02c279c67afa63adab6d8685b`',
      lastDate: '# Mon, 23 Mar 2026 21:33:59 GMT\nCMD ["/hello"]',
    },
  },
  {
    ref: 'mysql:8.0',
    remote: {
      commit: '72e4be79b9c831d8da7d63a6ce871b20fc9e06c1',
      path: 'repos/mysql/remote/8.0.md',
      imageId: '-\tImage ID: `sha256:b939d379d46e321d25bfdf1d695e0a3178225c14ad27b7d9da27f26774965610`',
      lastDate: '# Wed, 18 Jan 2023 04:24:58 GMT\nCMD ["mysqld"]',
    },
  },
];

/** repo-info's `- Image ID: \`sha256:...\`` line. */
function imageIdOf(text: string): string {
  return /Image ID: `(sha256:[0-9a-f]{64})`/.exec(text)![1];
}

/** `# Sat, 19 Sep 2026 00:36:54 GMT` (an RFC 1123 date) as RFC 3339. */
function historyDate(text: string): string {
  const line = /^# (.* GMT)$/m.exec(text)![1];
  return new Date(Date.parse(line)).toISOString().replace('.000Z', 'Z');
}

/** catalog.json's own entry for a tag (the source `npm run catalog` reads). */
function jsonEntry(ref: string): { registry: { repoInfo: { commit: string; path: string }; image?: { id: string; created: string; size?: string; local?: { commit: string; path: string } } } } {
  const [repo, tag] = ref.split(':');
  const json = JSON.parse(fs.readFileSync(path.join(CATALOG_DIR, repo, 'catalog.json'), 'utf8')) as { tags: Record<string, never> };
  return json.tags[tag];
}

describe("the real image of a catalog tag, from docker-library/repo-info", () => {
  for (const e of EXCERPTS) {
    describe(e.ref, () => {
      const entry = jsonEntry(e.ref);
      it('is pinned where the excerpt comes from', () => {
        expect(entry.registry.repoInfo).toEqual({ commit: e.remote.commit, path: e.remote.path });
      });
      it("has the remote's linux/amd64 Image ID", () => {
        expect(entry.registry.image?.id).toBe(imageIdOf(e.remote.imageId));
        expect(catalogEntry(e.ref)?.registry.image?.id).toBe(imageIdOf(e.remote.imageId));
      });
      const sameBuild = e.local !== undefined && imageIdOf(e.local.text) === imageIdOf(e.remote.imageId);
      if (sameBuild) {
        it("has the local file's Created to the nanosecond and its Virtual Size: it names the same Image ID", () => {
          const created = /Created: `([^`]+)`/.exec(e.local!.text)![1];
          expect(created.startsWith(historyDate(e.remote.lastDate).replace('Z', ''))).toBe(true);
          expect(entry.registry.image?.created).toBe(created);
          expect(entry.registry.image?.size).toBe(/Virtual Size: ~ (\d+\.\d\d [MG]b)/.exec(e.local!.text)![1]);
          expect(entry.registry.image?.local).toEqual({ commit: e.local!.commit, path: e.local!.path });
        });
      } else {
        it("has the last history step's date as Created, to the second, and no size: repo-info has none of this build", () => {
          expect(entry.registry.image?.created).toBe(historyDate(e.remote.lastDate));
          expect(entry.registry.image?.size).toBeUndefined();
          expect(entry.registry.image?.local).toBeUndefined();
        });
      }
    });
  }
});

describe('registry.image in catalog.json', () => {
  const id = 'sha256:' + 'a'.repeat(64);
  it('takes a remote Image ID and a Created to the second', () => {
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54Z' }, 'w')).not.toThrow();
  });
  it('refuses a size or nanoseconds without the local file they come from, and a size not written as repo-info writes it', () => {
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54Z', size: '451.13 Mb' }, 'w')).toThrow(CatalogError);
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54.1Z' }, 'w')).toThrow('"local" needs its commit and path');
    const local = { commit: 'b'.repeat(40), path: 'repos/postgres/local/16.md' };
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54Z', size: '451MB', local }, 'w')).toThrow('"size" must be');
    expect(() => checkRealImage({ id: 'sha256:abc', created: '2026-09-19T00:36:54Z' }, 'w')).toThrow('"id" must be');
    expect(() => checkRealImage({ id, created: '19 Sep 2026' }, 'w')).toThrow('"created" must be');
  });
});
