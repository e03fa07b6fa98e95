// Compose projects loaded before (issue #14): every `docker compose` command loads its project
// again (files found, `.env` and --env-file read, each file decoded, interpolated, merged,
// checked against the schema, normalized), and a scenario runs several on the same files.
//
// The model's part of a load (loadProjectModel: the files found and read, the environment, the
// name, the model interpolated, merged, checked and normalized) is a pure function of its options
// and of what it reads through `host` (each file's text or kind, asked for one path at a time);
// the command's selection (finishProject: profiles, services named, checks, env_file) is cheap and
// made afresh on a copy. A model is kept with its trace: its options (everything but `host`, the
// process environment included, in order) as the key, and every question it asked the host, in
// order, with the answer it got. A later load with the same options whose host gives the same
// answer to each question, asked again in the same order, takes the same steps to the same
// model, so it is answered from the kept one, as a copy of its own, with the same warnings. No
// input is named one by one, so none can be left out: a file the load did not read (or whose
// absence it did not check) cannot change its result, and every one it did is asked again
// (test/compose/load-memo.test.ts checks kept and fresh loads against each other under random
// changes of each input). A load that fails is not kept: it fails again, fresh.

import { BoundedMemo } from '../../engine/memos.ts';
import { finishProject, loadProjectModel, type HostFiles, type LoadOptions, type ModelOptions } from './load.ts';
import type { Project } from './project.ts';

/** One question a load asked the host, and the answer it got. */
interface Asked {
  read: boolean;
  path: string;
  answer: string | undefined;
}

interface Kept {
  /** A copy no caller holds. */
  project: Project;
  warnings: string[];
}

/**
 * The loads of one key as a tree of the questions they asked: the loader asks the same next
 * question after the same answers, so a node's question is asked again and its answer picks the
 * branch, down to the load that heard those answers (one walk of one load's questions, however
 * many loads are kept).
 */
type Tree = { read: boolean; path: string; next: Map<string | undefined, Tree> } | { kept: Kept };

interface Keyed {
  tree: Tree;
  loads: number;
}

/** Loads by their options (a scenario's compose commands, a corpus' scenarios over their files). */
const kept = new BoundedMemo<string, Keyed>(64);
/** Loads kept under one key at most (then that key's tree starts again). */
const PER_KEY = 32;

/** A stand-in for `undefined` in a key (JSON drops it, or writes it null). */
const UNDEFINED = { '\u0000undefined': true };

/**
 * The options as a key: every field but `host`, whatever fields ModelOptions has, in JSON (the
 * environment in its order). Undefined when an option is a function or otherwise not JSON data,
 * which the key could not tell apart: such a load is not kept.
 */
function keyOf(o: ModelOptions): string | undefined {
  let plain = true;
  const key = JSON.stringify(o, function (this: unknown, k: string, v: unknown) {
    if (this === o && k === 'host') return undefined;
    // (an undefined option is an absent one to the loader, by its types: told apart all the same)
    // Stryker disable next-line all: equivalent for options of LoadOptions' types
    if (v === undefined) return UNDEFINED;
    if (typeof v === 'function' || typeof v === 'bigint' || typeof v === 'symbol' || (typeof v === 'number' && !Number.isFinite(v))) plain = false;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) plain = false;
    return v;
  });
  return plain ? key : undefined;
}

/** The kept load whose questions the host answers as it did then, if any. */
function answered(tree: Tree, host: HostFiles): Kept | undefined {
  let at: Tree | undefined = tree;
  while (at !== undefined && !('kept' in at)) at = at.next.get(at.read ? host.read(at.path) : host.kind(at.path));
  return at?.kept;
}

/**
 * The tree with one more load in it: undefined when its questions do not follow the tree's
 * (which a pure loader never does; the tree is then left as it was).
 */
function withLoad(tree: Tree | undefined, asked: readonly Asked[], load: Kept): Tree | undefined {
  const leaf: Tree = { kept: load };
  let root: Tree | undefined = tree;
  let parent: { next: Map<string | undefined, Tree> } | undefined;
  let answer: string | undefined;
  let at = root;
  for (const a of asked) {
    if (at === undefined) {
      at = { read: a.read, path: a.path, next: new Map() };
      if (parent === undefined) root = at;
      else parent.next.set(answer, at);
    }
    if ('kept' in at || at.read !== a.read || at.path !== a.path) return undefined;
    parent = at;
    answer = a.answer;
    at = at.next.get(answer);
  }
  if (at !== undefined) return undefined;
  if (parent === undefined) return leaf;
  parent.next.set(answer, leaf);
  return root;
}

/**
 * A deep copy as the load made it: the same own properties with the same attributes and
 * prototypes, Maps and Sets copied, and a value reached twice copied once and shared the same way.
 */
function copyOf<T>(v: T, copies = new Map<object, object>()): T {
  if (typeof v !== 'object' || v === null) return v;
  const done = copies.get(v);
  if (done !== undefined) return done as T;
  if (v instanceof Map) {
    const m = new Map<unknown, unknown>();
    copies.set(v, m);
    for (const [k, x] of v) m.set(copyOf(k, copies), copyOf(x, copies));
    return m as T;
  }
  if (v instanceof Set) {
    const s = new Set<unknown>();
    copies.set(v, s);
    for (const x of v) s.add(copyOf(x, copies));
    return s as T;
  }
  const copy = (Array.isArray(v) ? [] : Object.create(Object.getPrototypeOf(v) as object | null)) as Record<PropertyKey, unknown>;
  copies.set(v, copy);
  for (const key of Reflect.ownKeys(v)) {
    if (Array.isArray(v) && key === 'length') continue;
    const d = Object.getOwnPropertyDescriptor(v, key)!;
    if (!('value' in d)) Object.defineProperty(copy, key, d);
    else if (d.enumerable === true && d.writable === true && d.configurable === true) copy[key] = copyOf(d.value as unknown, copies);
    else Object.defineProperty(copy, key, { ...d, value: copyOf(d.value as unknown, copies) });
  }
  if (Array.isArray(v)) (copy as unknown as unknown[]).length = v.length;
  return copy as T;
}

/**
 * loadProject: its model (loadProjectModel) answered from a kept one of the same options over the
 * same answers of the host, the command's selection (finishProject) made afresh on a copy.
 * `loadModel`: how a model is loaded when none is kept (a test counts the loads).
 */
export function loadProjectRemembered(o: LoadOptions, warnings: string[], loadModel: typeof loadProjectModel = loadProjectModel): Project {
  // the model is loaded from these options alone, so that none of the others can reach it
  const { services, profiles, consistency, resolveEnvironment, dropUnused, ...model } = o;
  const key = keyOf(model);
  if (key === undefined) return finishProject(loadModel(model, warnings), o);
  const known = kept.get(key);
  const hit = known === undefined ? undefined : answered(known.tree, o.host);
  if (hit !== undefined) {
    warnings.push(...hit.warnings);
    return finishProject(copyOf(hit.project), o);
  }
  const asked: Asked[] = [];
  const host: HostFiles = {
    read(path) {
      const answer = o.host.read(path);
      asked.push({ read: true, path, answer });
      return answer;
    },
    kind(path) {
      const answer = o.host.kind(path);
      asked.push({ read: false, path, answer });
      return answer;
    },
  };
  const mine: string[] = [];
  let project: Project;
  try {
    project = loadModel({ ...model, host } satisfies ModelOptions, mine);
  } finally {
    warnings.push(...mine);
  }
  const fresh = known === undefined || known.loads >= PER_KEY;
  const tree = withLoad(fresh ? undefined : known.tree, asked, { project: copyOf(project), warnings: mine });
  if (tree !== undefined) kept.set(key, { tree, loads: fresh ? 1 : known.loads + 1 });
  return finishProject(project, o);
}
