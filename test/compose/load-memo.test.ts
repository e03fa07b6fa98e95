// Compose projects loaded again (src/compose/model/load-memo.ts keeps loads with the host's answers
// they read): a kept load must answer exactly as a fresh one would, under any change of any input
// the loader reads (files' texts and kinds, .env, --env-file, env_file, include, extends, the
// environment and its COMPOSE_* variables, the working directory, -p, -f, --profile,
// --project-directory, the services named), and hand out a project of its own.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as load from '../../src/compose/model/load.ts';
import { loadProjectRemembered as remembered } from '../../src/compose/model/load-memo.ts';
import type { HostFiles, LoadOptions, ModelOptions } from '../../src/compose/model/load.ts';
import type { Project } from '../../src/compose/model/project.ts';
import { clearMemos } from '../../src/engine/memos.ts';

/** The models loaded (loadProjectModel counted), not answered from kept ones. */
const models: ModelOptions[] = [];
const counted = (o: ModelOptions, w: string[]): Project => {
  models.push(o);
  return load.loadProjectModel(o, w);
};
const loadProjectRemembered = (o: LoadOptions, w: string[]): Project => remembered(o, w, counted);
const loadProject = load.loadProject;

const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 100);

/** What each path may hold: a text, a directory, or nothing. */
const DIR = { dir: true } as const;
type Entry = string | typeof DIR | undefined;

const POOLS: Record<string, Entry[]> = {
  '/w/compose.yaml': [
    undefined,
    "services:\n  web:\n    image: ${IMG:-busybox}\n    ports: ['${PORT:-8080}:80']\n",
    'name: ${NAME:-named}\nservices:\n  web:\n    image: busybox\n    profiles: [dev]\n  db:\n    image: postgres\n    env_file: app.env\n',
    "version: '3'\nservices:\n  web:\n    extends:\n      file: base.yaml\n      service: base\n    environment: [C=${A:-none}]\n",
    'include:\n  - inc/inc.yaml\nservices:\n  web:\n    image: busybox\n    depends_on: [inc]\n',
    'services:\n  web: [\n',
    "services:\n  web:\n    build: .\n    volumes: ['./data:/data', 'vol:/v', '~/h:/h']\nvolumes:\n  vol: {}\n",
    'services:\n  web:\n    image: busybox\n    environment:\n      - A=${A}\n      - B\n    profiles: [${PROFILE:-x}]\n',
    DIR,
  ],
  '/w/docker-compose.yml': [undefined, 'services:\n  legacy:\n    image: busybox:${TAG:-1}\n', 'services:\n  web:\n    image: nginx\n'],
  '/w/compose.override.yaml': [undefined, 'services:\n  web:\n    labels: [over=${IMG:-x}]\n', 'services:\n  extra:\n    image: busybox\n    profiles: [dev]\n'],
  '/w/.env': [undefined, 'IMG=alpine\nPORT=9090\n', 'COMPOSE_PROFILES=dev\n', 'COMPOSE_PROJECT_NAME=fromdotenv\n', 'COMPOSE_FILE=docker-compose.yml\n', 'A=${B:-x}\nNAME=Dot\n', DIR],
  '/w/other.env': [undefined, 'IMG=other\nTAG=2\n', 'PROFILE=dev\n'],
  '/w/app.env': [undefined, 'DB=1\nX=${A:-y}\n'],
  '/w/base.yaml': [undefined, 'services:\n  base:\n    image: busybox:${TAG:-base}\n    volumes: [./b:/b]\n', 'services:\n  other:\n    image: x\n'],
  '/w/inc/inc.yaml': [undefined, 'services:\n  inc:\n    image: busybox\n    volumes: [./i:/i]\n', 'services:\n  web:\n    image: clash\n'],
  '/w/sub/compose.yaml': [undefined, 'services:\n  sub:\n    image: busybox\n'],
};
const PATHS = Object.keys(POOLS);

const ENV_VARS: Record<string, string[]> = {
  IMG: ['nginx'],
  NAME: ['Proj', 'other'],
  A: ['a'],
  B: ['b'],
  TAG: ['3'],
  PROFILE: ['dev'],
  HOME: ['/root', ''],
  COMPOSE_PROFILES: ['dev', '*'],
  COMPOSE_FILE: ['compose.yaml:base.yaml', 'docker-compose.yml', 'base.yaml'],
  COMPOSE_PATH_SEPARATOR: [','],
  COMPOSE_PROJECT_NAME: ['envname', 'Bad Name'],
  COMPOSE_ENV_FILES: ['other.env', 'other.env,.env'],
};

interface World {
  files: Map<string, Entry>;
  options: Omit<LoadOptions, 'host'>;
}

/** One change of one input: a file, an environment variable, or an option. */
type Change = { file: string; to: Entry } | { env: string; to: string | undefined } | { option: keyof Omit<LoadOptions, 'host' | 'env'>; to: unknown };

const OPTION_VALUES: { [K in keyof Omit<LoadOptions, 'host' | 'env'>]-?: LoadOptions[K][] } = {
  cwd: ['/w', '/w/sub', '/w/inc', '/'],
  files: [[], ['compose.yaml'], ['compose.yaml', 'base.yaml'], ['/w/docker-compose.yml'], ['missing.yaml']],
  projectName: [undefined, 'demo', '', 'Bad'],
  projectDirectory: [undefined, '/w', 'sub', ''],
  envFiles: [[], ['other.env'], ['other.env', '.env'], ['nothere.env']],
  profiles: [[], ['dev'], ['*']],
  services: [undefined, [], ['web'], ['extra']],
  interpolate: [undefined, false, true],
  normalize: [undefined, false],
  resolvePaths: [undefined, false],
  consistency: [undefined, false],
  resolveEnvironment: [undefined, false],
  dropUnused: [undefined, false],
};
const OPTIONS = Object.keys(OPTION_VALUES) as (keyof typeof OPTION_VALUES)[];

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.constantFrom(...PATHS).chain((file) => fc.constantFrom(...POOLS[file]).map((to): Change => ({ file, to }))),
  fc.constantFrom(...Object.keys(ENV_VARS)).chain((env) => fc.constantFrom(undefined, ...ENV_VARS[env]).map((to): Change => ({ env, to }))),
  fc.constantFrom(...OPTIONS).chain((option) => fc.constantFrom(...(OPTION_VALUES[option] as unknown[])).map((to): Change => ({ option, to }))),
);

function startWorld(): World {
  return {
    files: new Map([
      ['/w/compose.yaml', POOLS['/w/compose.yaml'][1]],
      ['/w/base.yaml', POOLS['/w/base.yaml'][1]],
    ]),
    options: { cwd: '/w', env: {}, files: [], envFiles: [], profiles: [] },
  };
}

function apply(w: World, c: Change): void {
  if ('file' in c) {
    w.files.set(c.file, c.to);
  } else if ('env' in c) {
    // a new environment, as each command's is: a variable set again goes to the end of it
    const env = { ...w.options.env };
    delete env[c.env];
    if (c.to !== undefined) env[c.env] = c.to;
    w.options = { ...w.options, env };
  } else {
    w.options = { ...w.options, [c.option]: c.to };
  }
}

function hostOf(files: Map<string, Entry>): HostFiles {
  const dirs = new Set(['/', '/w', '/w/sub', '/w/inc']);
  return {
    read: (p) => {
      const e = files.get(p);
      return typeof e === 'string' ? e : undefined;
    },
    kind: (p) => {
      const e = files.get(p);
      if (e === DIR || dirs.has(p)) return 'dir';
      return typeof e === 'string' ? 'file' : undefined;
    },
  };
}

/** Everything observable of a value: own keys with their attributes, prototypes, Maps, and which values are the same object. */
function shape(v: unknown, seen = new Map<object, number>()): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (seen.has(v)) return { same: seen.get(v) };
  seen.set(v, seen.size);
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [shape(k, seen), shape(x, seen)]) };
  return {
    proto: Object.getPrototypeOf(v) === null ? 'null' : Array.isArray(v) ? 'array' : Object.getPrototypeOf(v) === Object.prototype ? 'object' : 'other',
    frozen: Object.isFrozen(v),
    keys: Reflect.ownKeys(v).map((k) => {
      const d = Object.getOwnPropertyDescriptor(v, k)!;
      return [String(k), d.enumerable, d.writable, d.configurable, k === 'length' ? d.value : shape(d.value, seen)];
    }),
  };
}

type Outcome = { project: unknown; warnings: string[] } | { error: string; kind: string; warnings: string[] };

function outcome(run: (o: LoadOptions, warnings: string[]) => Project, o: LoadOptions): Outcome {
  const warnings: string[] = [];
  try {
    return { project: shape(run(o, warnings)), warnings };
  } catch (e) {
    return { error: (e as Error).message, kind: (e as Error).constructor.name, warnings };
  }
}

describe('compose projects loaded again', () => {
  it('answer as a fresh load under random changes of every input', () => {
    const fresh = (o: LoadOptions, w: string[]): Project => loadProject(o, w);
    let answered = 0;
    fc.assert(
      fc.property(fc.array(fc.array(change, { minLength: 0, maxLength: 3 }), { minLength: 2, maxLength: 12 }), (steps) => {
        clearMemos();
        const w = startWorld();
        for (const changes of steps) {
          for (const c of changes) apply(w, c);
          const o = { ...w.options, host: hostOf(w.files) };
          const calls = models.length;
          const kept = outcome(loadProjectRemembered, o);
          if (models.length === calls) answered++;
          expect(kept).toEqual(outcome(fresh, o));
        }
      }),
      { numRuns: RUNS },
    );
    // the runs answered loads from kept ones (the steps without a change, at least)
    expect(answered).toBeGreaterThan(RUNS / 4);
  });

  it('answers the same options over the same files without loading again, with the warnings again', () => {
    clearMemos();
    const files = new Map<string, Entry>([['/w/compose.yaml', "version: '3'\nservices:\n  web:\n    image: busybox\n"]]);
    const o: LoadOptions = { host: hostOf(files), cwd: '/w', env: {}, files: [], envFiles: [], profiles: [] };
    const first: string[] = [];
    const before = models.length;
    const a = loadProjectRemembered(o, first);
    const again: string[] = [];
    const b = loadProjectRemembered({ ...o, host: hostOf(new Map(files)) }, again);
    expect(models.length).toBe(before + 1);
    expect(first).toEqual(['/w/compose.yaml: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion']);
    expect(again).toEqual(first);
    expect(shape(b)).toEqual(shape(a));
    // a project of its own: a change to one reaches no other load
    expect(b).not.toBe(a);
    expect(b.services.web).not.toBe(a.services.web);
    a.services.web.image = 'changed';
    b.environment.set('X', 'changed');
    const c = loadProjectRemembered(o, []);
    expect(c.services.web.image).toBe('busybox');
    expect(c.environment.has('X')).toBe(false);
    expect(models.length).toBe(before + 1);
  });

  it('loads again when a file it read changes, or one it looked for appears', () => {
    clearMemos();
    const files = new Map<string, Entry>([['/w/compose.yaml', 'services:\n  web:\n    image: busybox\n']]);
    const o = (): LoadOptions => ({ host: hostOf(files), cwd: '/w', env: {}, files: [], envFiles: [], profiles: [] });
    expect(loadProjectRemembered(o(), []).services.web.image).toBe('busybox');
    files.set('/w/compose.yaml', 'services:\n  web:\n    image: nginx\n');
    expect(loadProjectRemembered(o(), []).services.web.image).toBe('nginx');
    // an override file the first loads looked for and did not find
    files.set('/w/compose.override.yaml', 'services:\n  web:\n    image: alpine\n');
    expect(loadProjectRemembered(o(), []).services.web.image).toBe('alpine');
    // and back: the earlier file's load, kept beside the later ones
    files.delete('/w/compose.override.yaml');
    const before = models.length;
    expect(loadProjectRemembered(o(), []).services.web.image).toBe('nginx');
    expect(models.length).toBe(before);
  });

  it('shares one model between commands that select other services and profiles', () => {
    clearMemos();
    const files = new Map<string, Entry>([
      ['/w/compose.yaml', 'services:\n  web:\n    image: busybox\n  debug:\n    image: busybox\n    profiles: [dev]\n    env_file: d.env\n'],
      ['/w/d.env', 'D=1\n'],
    ]);
    const o = (more: Partial<LoadOptions>): LoadOptions => ({ host: hostOf(files), cwd: '/w', env: {}, files: [], envFiles: [], profiles: [], ...more });
    const before = models.length;
    const plain = loadProjectRemembered(o({}), []);
    const named = loadProjectRemembered(o({ services: ['debug'] }), []);
    const dev = loadProjectRemembered(o({ profiles: ['dev'], resolveEnvironment: false }), []);
    expect(models.length).toBe(before + 1);
    expect(Object.keys(plain.services)).toEqual(['web']);
    expect(Object.keys(named.services)).toEqual(['web', 'debug']);
    expect(named.services.debug.environment).toEqual({ D: '1' });
    expect(dev.services.debug.environment).toBeUndefined();
    // the selection reads the host afresh: an env_file changed under a kept model
    files.set('/w/d.env', 'D=2\n');
    expect(loadProjectRemembered(o({ services: ['debug'] }), []).services.debug.environment).toEqual({ D: '2' });
    expect(models.length).toBe(before + 1);
  });

  it('loads again for another environment, an environment variable named host included', () => {
    clearMemos();
    const files = new Map<string, Entry>([['/w/compose.yaml', 'services:\n  web:\n    image: ${host:-busybox}\n']]);
    const o = (env: Record<string, string>): LoadOptions => ({ host: hostOf(files), cwd: '/w', env, files: [], envFiles: [], profiles: [] });
    expect(loadProjectRemembered(o({}), []).services.web.image).toBe('busybox');
    expect(loadProjectRemembered(o({ host: 'nginx' }), []).services.web.image).toBe('nginx');
    expect(loadProjectRemembered(o({ host: 'alpine' }), []).services.web.image).toBe('alpine');
  });

  it('keeps no load whose options hold what JSON cannot tell apart', () => {
    clearMemos();
    const files = new Map<string, Entry>([['/w/compose.yaml', 'services:\n  web:\n    image: busybox\n']]);
    const o: LoadOptions = { host: hostOf(files), cwd: '/w', env: {}, files: [], envFiles: [], profiles: [] };
    for (const odd of [() => 1, new Map([['a', 'b']]), Number.NaN, new (class Odd {})()]) {
      const before = models.length;
      loadProjectRemembered({ ...o, odd } as LoadOptions, []);
      loadProjectRemembered({ ...o, odd } as LoadOptions, []);
      expect(models.length).toBe(before + 2);
    }
    const before = models.length;
    loadProjectRemembered({ ...o, plain: Object.create(null) as object } as LoadOptions, []);
    loadProjectRemembered({ ...o, plain: Object.create(null) as object } as LoadOptions, []);
    expect(models.length).toBe(before + 1);
  });

  it('does not keep a load that fails: it fails again, fresh', () => {
    clearMemos();
    const o: LoadOptions = { host: hostOf(new Map([['/w/compose.yaml', 'services:\n  web: [\n']])), cwd: '/w', env: {}, files: [], envFiles: [], profiles: [] };
    const before = models.length;
    const first = outcome(loadProjectRemembered, o);
    expect(first).toHaveProperty('error');
    expect(outcome(loadProjectRemembered, o)).toEqual(first);
    expect(models.length).toBe(before + 2);
  });
});
