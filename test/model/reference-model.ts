// A reference model of Docker's storage semantics: deliberately naive, written to be obviously
// right rather than fast, and independent of strata's src/ (nothing is imported from it).
//
// Everything is materialized and nothing is shared: an image is a full map path → entry, a
// container's root file system is a full copy of its image's map made at create, a volume or a
// tmpfs is its own map, the host is a map. No layers, no overlay, no whiteouts.
//
// Sources: shared/research/docker-semantics.md §1 (copy-on-empty-mount), §2 (anonymous volumes),
// §3 (prune), §5 (tmpfs), §6 (--volumes-from), §8 (read-only), §10 (Dockerfile VOLUME), §11
// (lifecycle), and shared/oracle/README.md ("Surprises", "20.10 vs 26.1").

export type EngineName = 'docker-20.10' | 'docker-26.1';

/** A file-system entry. Directories carry mode and owner (copy-on-empty copies them). */
export type Entry =
  | { kind: 'dir'; mode: number; owner: string }
  | { kind: 'file'; content: string };

/** A file tree: path (absolute for root file systems, relative for volumes/tmpfs/binds) → entry. */
export type Tree = Map<string, Entry>;

const cloneTree = (t: Tree): Tree => new Map([...t].map(([k, v]) => [k, { ...v }]));

/** `/a/b` → `/a`; `a/b` → `a`; `a` → ''. */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  if (i <= 0) return path.startsWith('/') ? '/' : '';
  return path.slice(0, i);
}

const join = (dir: string, name: string): string => (dir === '' ? name : dir === '/' ? `/${name}` : `${dir}/${name}`);

/** The entries directly inside `dir` of a tree, by name. */
export function children(t: Tree, dir: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const [p, e] of t) if (p !== dir && parentOf(p) === dir) out.set(p.slice(dir === '' ? 0 : dir === '/' ? 1 : dir.length + 1), e);
  return out;
}

/** `mkdir -p` as root with umask 022 (new directories 755 root). Fails (false) on a file in the way. */
function mkdirP(t: Tree, dir: string): boolean {
  if (dir === '' || dir === '/') return true;
  const e = t.get(dir);
  if (e) return e.kind === 'dir';
  if (!mkdirP(t, parentOf(dir))) return false;
  t.set(dir, { kind: 'dir', mode: 0o755, owner: 'root' });
  return true;
}

// ---------------------------------------------------------------- images and the builder

/** One change a RUN step makes, in order. */
export type BuildOp =
  | { op: 'mkdir'; path: string }
  | { op: 'write'; path: string; content: string }
  | { op: 'rm'; path: string }
  | { op: 'chmod'; path: string; mode: number }
  | { op: 'chown'; path: string; owner: string };

export type BuildStep = { kind: 'run'; ops: BuildOp[] } | { kind: 'volume'; path: string };

export interface Image {
  name: string;
  tree: Tree;
  /** Dockerfile VOLUME paths, in order. */
  volumes: string[];
}

/** busybox:latest as far as this model cares: the directories the observations can see. */
export function busybox(): Image {
  const tree: Tree = new Map<string, Entry>([
    ['/bin', { kind: 'dir', mode: 0o755, owner: 'root' }],
    ['/etc', { kind: 'dir', mode: 0o755, owner: 'root' }],
    ['/root', { kind: 'dir', mode: 0o700, owner: 'root' }],
    ['/tmp', { kind: 'dir', mode: 0o1777, owner: 'root' }],
    ['/var', { kind: 'dir', mode: 0o755, owner: 'root' }],
  ]);
  return { name: 'busybox', tree, volumes: [] };
}

const under = (path: string, dir: string): boolean => path === dir || path.startsWith(dir + '/');

/**
 * Build `FROM base` + steps. Legacy builder: each RUN runs in a container whose image VOLUMEs are
 * anonymous volumes, so its changes at or under a declared VOLUME path are lost (only the mount
 * point directory itself is left in the layer). BuildKit: a VOLUME is only metadata, every change
 * is kept. (docker-semantics.md §10; oracle "20.10 vs 26.1": RUN after VOLUME, chown/chmod.)
 */
export function build(base: Image, name: string, steps: BuildStep[], builder: 'legacy' | 'buildkit'): Image {
  const tree = cloneTree(base.tree);
  const volumes = [...base.volumes];
  for (const step of steps) {
    if (step.kind === 'volume') {
      if (!volumes.includes(step.path)) volumes.push(step.path);
      continue;
    }
    for (const op of step.ops) {
      const shadowed = builder === 'legacy' ? volumes.find((v) => under(op.path, v)) : undefined;
      if (shadowed !== undefined) {
        // the RUN container saw a volume there: only the mount point directory reaches the layer
        mkdirP(tree, shadowed);
        continue;
      }
      applyOp(tree, op);
    }
  }
  return { name, tree, volumes };
}

function applyOp(t: Tree, op: BuildOp): void {
  switch (op.op) {
    case 'mkdir':
      mkdirP(t, op.path);
      return;
    case 'write':
      mkdirP(t, parentOf(op.path));
      t.set(op.path, { kind: 'file', content: op.content });
      return;
    case 'rm':
      for (const p of [...t.keys()]) if (under(p, op.path)) t.delete(p);
      return;
    case 'chmod': {
      const e = t.get(op.path);
      if (e?.kind === 'dir') t.set(op.path, { ...e, mode: op.mode });
      return;
    }
    case 'chown': {
      const e = t.get(op.path);
      if (e?.kind === 'dir') t.set(op.path, { ...e, owner: op.owner });
      return;
    }
  }
}

// ---------------------------------------------------------------- volumes, mounts, containers

export interface Volume {
  name: string;
  /** Created without a name (by `-v /p`, `--mount` without source, an image VOLUME). */
  anonymous: boolean;
  /** Has `com.docker.volume.anonymous` (26.1: `-v /p` and image VOLUME, not `--mount` without source). */
  anonLabel: boolean;
  /** The volume's root directory (`_data`): mode and owner, and its content (relative paths). */
  rootMode: number;
  rootOwner: string;
  files: Tree;
}

export type Mount =
  | { type: 'volume'; dest: string; volume: string; rw: boolean; anonymousSpec: boolean; copyData: boolean }
  | { type: 'bind'; dest: string; hostPath: string; rw: boolean }
  | { type: 'tmpfs'; dest: string };

/** How a `docker run/create` asks for one mount. */
export type MountSpec =
  | { kind: 'named'; dest: string; volume: string; ro: boolean; nocopy: boolean; syntax: 'v' | 'mount' }
  | { kind: 'anon'; dest: string; syntax: 'v' | 'mount'; nocopy: boolean }
  | { kind: 'bind'; dest: string; hostDir: string; ro: boolean }
  | { kind: 'tmpfs'; dest: string };

export type ContainerStatus = 'created' | 'running' | 'exited';

export interface Container {
  name: string;
  image: string;
  status: ContainerStatus;
  /** The whole root file system as this container sees it without mounts (its own copy). */
  rootfs: Tree;
  mounts: Mount[];
  /** tmpfs contents while running, by destination. */
  tmpfs: Map<string, Tree>;
  /** How many times the container was started. */
  starts: number;
  /**
   * Mode of each tmpfs root for the current run: runc keeps the mode of a mount point that
   * already existed (the image's directory, or the 0755 one it made at an earlier start), else
   * the tmpfs default 1777 (recorded on both engines: mounts/tmpfs-root-mode.scenario under test/recorded).
   */
  tmpfsRootModes?: Map<string, number>;
}

export interface CreateRequest {
  name: string;
  image: string;
  mounts: MountSpec[];
  volumesFrom?: { container: string; ro: boolean };
}

/** Where a path of a container lives: a mount (and the path inside it) or the root file system. */
type Location =
  | { where: 'volume'; volume: Volume; rel: string; rw: boolean }
  | { where: 'bind'; hostPath: string; rel: string; rw: boolean }
  | { where: 'tmpfs'; tree: Tree; rel: string; dest: string }
  | { where: 'rootfs'; path: string };

/** A directory as observed: mode, owner, and its regular files with their content. */
export interface DirView {
  mode: number;
  owner: string;
  files: Map<string, string>;
}

export class Model {
  readonly engine: EngineName;
  readonly images = new Map<string, Image>();
  readonly containers = new Map<string, Container>();
  readonly volumes = new Map<string, Volume>();
  /** The host, relative to $PWD (bind sources). */
  readonly host: Tree = new Map();
  private anonCounter = 0;

  constructor(engine: EngineName) {
    this.engine = engine;
    this.images.set('busybox', busybox());
  }

  clone(): Model {
    const m = new Model(this.engine);
    for (const [k, img] of this.images) m.images.set(k, { ...img, tree: cloneTree(img.tree), volumes: [...img.volumes] });
    for (const [k, c] of this.containers) {
      m.containers.set(k, {
        ...c,
        rootfs: cloneTree(c.rootfs),
        mounts: c.mounts.map((x) => ({ ...x })),
        tmpfs: new Map([...c.tmpfs].map(([d, t]) => [d, cloneTree(t)])),
        tmpfsRootModes: c.tmpfsRootModes ? new Map(c.tmpfsRootModes) : undefined,
      });
    }
    for (const [k, v] of this.volumes) m.volumes.set(k, { ...v, files: cloneTree(v.files) });
    for (const [k, e] of this.host) m.host.set(k, { ...e });
    m.anonCounter = this.anonCounter;
    return m;
  }

  get builder(): 'legacy' | 'buildkit' {
    return this.engine === 'docker-20.10' ? 'legacy' : 'buildkit';
  }

  /** `docker build -t name` of `FROM base` + steps. */
  build(name: string, base: string, steps: BuildStep[]): void {
    const img = this.images.get(base);
    if (!img) throw new Error(`model: no image ${base}`);
    this.images.set(name, build(img, name, steps, this.builder));
  }

  // ------------------------------------------------------------ volumes

  private newVolume(name: string, anonymous: boolean, anonLabel: boolean): Volume {
    const v: Volume = { name, anonymous, anonLabel, rootMode: 0o755, rootOwner: 'root', files: new Map() };
    this.volumes.set(name, v);
    return v;
  }

  private newAnonymous(labelled: boolean): Volume {
    this.anonCounter++;
    // the model's own stand-in for a 64-hex name
    return this.newVolume(`anon-${this.anonCounter}`, true, labelled && this.engine === 'docker-26.1');
  }

  /** Containers (in any state) that reference a volume. */
  usersOf(volume: string): Container[] {
    return [...this.containers.values()].filter((c) => c.mounts.some((m) => m.type === 'volume' && m.volume === volume));
  }

  /** `docker volume create NAME`: idempotent. */
  volumeCreate(name: string): number {
    if (!this.volumes.has(name)) this.newVolume(name, false, false);
    return 0;
  }

  /** `docker volume create` without a name: an anonymous volume (labelled on 26.1). */
  volumeCreateAnonymous(): number {
    this.newAnonymous(true);
    return 0;
  }

  /**
   * `docker volume rm [-f] NAME`: refused when used by any container (running or not), -f or not;
   * a missing volume is an error without -f and fine with it (surprise 7).
   */
  volumeRm(name: string, force = false): number {
    if (!this.volumes.has(name)) return force ? 0 : 1;
    if (this.usersOf(name).length > 0) return 1;
    this.volumes.delete(name);
    return 0;
  }

  /**
   * `docker volume prune -f [-a]`. 20.10 (API 1.41): every unused volume, and no `-a` flag (exit
   * 125). 26.1: unused volumes labelled anonymous, or every unused volume with `-a`.
   */
  volumePrune(all: boolean): number {
    if (all && this.engine === 'docker-20.10') return 125;
    for (const v of [...this.volumes.values()]) {
      if (this.usersOf(v.name).length > 0) continue;
      if (this.engine === 'docker-26.1' && !all && !v.anonLabel) continue;
      this.volumes.delete(v.name);
    }
    return 0;
  }

  // ------------------------------------------------------------ host

  /** `mkdir -p DIR && echo CONTENT > DIR/FILE` on the host. */
  hostWrite(dir: string, file: string, content: string): number {
    mkdirP(this.host, dir);
    this.host.set(join(dir, file), { kind: 'file', content });
    return 0;
  }

  // ------------------------------------------------------------ containers

  /**
   * `docker create` (and the create half of `docker run`). Returns the container, or undefined
   * when the request is refused (nothing changes then).
   */
  create(req: CreateRequest): Container | undefined {
    const img = this.images.get(req.image);
    if (!img) return undefined;
    if (this.containers.has(req.name)) return undefined;
    let from: Container | undefined;
    if (req.volumesFrom) {
      from = this.containers.get(req.volumesFrom.container);
      if (!from) return undefined;
    }
    const mounts: Mount[] = [];
    const put = (m: Mount): void => {
      const i = mounts.findIndex((x) => x.dest === m.dest);
      if (i >= 0) mounts[i] = m;
      else mounts.push(m);
    };
    // --volumes-from: every mount point of the source (binds too, never --tmpfs), no copying,
    // read-only when the source's was or `:ro` is given (§6)
    if (from && req.volumesFrom) {
      for (const m of from.mounts) {
        if (m.type === 'tmpfs') continue;
        if (m.type === 'volume') put({ ...m, rw: m.rw && !req.volumesFrom.ro, copyData: false });
        else put({ ...m, rw: m.rw && !req.volumesFrom.ro });
      }
    }
    // explicit mounts win over inherited ones at the same destination
    for (const s of req.mounts) {
      switch (s.kind) {
        case 'named':
          if (!this.volumes.has(s.volume)) this.newVolume(s.volume, false, false);
          put({ type: 'volume', dest: s.dest, volume: s.volume, rw: !s.ro, anonymousSpec: false, copyData: !s.nocopy });
          break;
        case 'anon': {
          // `-v /p` is a Config.Volumes entry like an image VOLUME: handled below, after the others
          if (s.syntax === 'v') break;
          // `--mount` without source: 26.1 does not label it anonymous (surprise 20)
          const v = this.newAnonymous(false);
          put({ type: 'volume', dest: s.dest, volume: v.name, rw: true, anonymousSpec: true, copyData: !s.nocopy });
          break;
        }
        case 'bind':
          put({ type: 'bind', dest: s.dest, hostPath: s.hostDir, rw: !s.ro });
          break;
        case 'tmpfs':
          put({ type: 'tmpfs', dest: s.dest });
          break;
      }
    }
    // `-v /p` and image VOLUMEs (Config.Volumes) become anonymous volumes (labelled on 26.1) only
    // where no other mount is: an inherited --volumes-from mount wins over `-v /p` (recorded on
    // both engines, /tmp/rec/vf-anon.scenario), while `--mount` and `--tmpfs` win over inherited ones
    const configVolumes = [...req.mounts.filter((s) => s.kind === 'anon' && s.syntax === 'v').map((s) => s.dest), ...img.volumes];
    for (const p of configVolumes) {
      if (mounts.some((m) => m.dest === p)) continue;
      const v = this.newAnonymous(true);
      put({ type: 'volume', dest: p, volume: v.name, rw: true, anonymousSpec: true, copyData: true });
    }
    const rootfs = cloneTree(img.tree);
    // copy-on-empty-mount, at create only: volume mounts that may copy, an empty volume, and a
    // directory in the image at the destination; the volume root takes the directory's mode/owner
    for (const m of mounts) {
      if (m.type !== 'volume' || !m.copyData) continue;
      const vol = this.volumes.get(m.volume);
      const dir = rootfs.get(m.dest);
      if (!vol || vol.files.size > 0 || dir?.kind !== 'dir') continue;
      vol.rootMode = dir.mode;
      vol.rootOwner = dir.owner;
      for (const [p, e] of rootfs) if (p.startsWith(m.dest + '/')) vol.files.set(p.slice(m.dest.length + 1), { ...e });
    }
    const c: Container = { name: req.name, image: req.image, status: 'created', rootfs, mounts, tmpfs: new Map(), starts: 0 };
    this.containers.set(req.name, c);
    return c;
  }

  /** `docker start`: a fresh, empty tmpfs for every tmpfs mount; never copies into volumes. */
  start(name: string): number {
    const c = this.containers.get(name);
    if (!c) return 1;
    if (c.status === 'running') return 0;
    c.status = 'running';
    c.starts++;
    c.tmpfs = new Map();
    c.tmpfsRootModes = new Map();
    for (const m of c.mounts) {
      const existing = c.rootfs.get(m.dest);
      mkdirP(c.rootfs, m.dest); // the mount point, made in the container's own file system
      if (m.type === 'tmpfs') {
        c.tmpfs.set(m.dest, new Map());
        c.tmpfsRootModes.set(m.dest, existing?.kind === 'dir' ? existing.mode : 0o1777);
      }
      // a missing `-v` bind source is created at start, not at create (/tmp/rec/bind-create.scenario)
      if (m.type === 'bind') mkdirP(this.host, m.hostPath);
    }
    return 0;
  }

  /** `docker stop`: the root file system and volumes stay, tmpfs contents are gone. */
  stop(name: string): number {
    const c = this.containers.get(name);
    if (!c) return 1;
    if (c.status === 'running') c.status = 'exited';
    c.tmpfs = new Map();
    return 0;
  }

  restart(name: string): number {
    if (this.stop(name) !== 0) return 1;
    return this.start(name);
  }

  /**
   * `docker rm [-f] [-v]`: a running container needs -f. The root file system goes; with -v the
   * container's anonymous volumes (also inherited ones) go unless another container uses them.
   */
  rm(name: string, force: boolean, volumes: boolean): number {
    const c = this.containers.get(name);
    if (!c) return force ? 0 : 1; // -f suppresses "No such container" (§11)
    if (c.status === 'running' && !force) return 1;
    this.containers.delete(name);
    if (volumes) {
      for (const m of c.mounts) {
        if (m.type !== 'volume' || !m.anonymousSpec) continue;
        if (this.usersOf(m.volume).length === 0) this.volumes.delete(m.volume);
      }
    }
    return 0;
  }

  /** `docker container prune -f`: every container that is not running; never a volume. */
  containerPrune(): number {
    for (const c of [...this.containers.values()]) if (c.status !== 'running') this.containers.delete(c.name);
    return 0;
  }

  /** Resolve a path of a container through its mounts. */
  private locate(c: Container, path: string): Location {
    // the longest mount destination that contains the path
    const m = c.mounts.filter((x) => under(path, x.dest)).sort((a, b) => b.dest.length - a.dest.length)[0];
    if (!m) return { where: 'rootfs', path };
    const rel = path === m.dest ? '' : path.slice(m.dest.length + 1);
    if (m.type === 'volume') {
      const v = this.volumes.get(m.volume);
      if (!v) throw new Error(`model: container ${c.name} uses missing volume ${m.volume}`);
      return { where: 'volume', volume: v, rel, rw: m.rw };
    }
    if (m.type === 'bind') return { where: 'bind', hostPath: rel === '' ? m.hostPath : join(m.hostPath, rel), rel, rw: m.rw };
    let t = c.tmpfs.get(m.dest);
    if (!t) {
      t = new Map();
      c.tmpfs.set(m.dest, t);
    }
    return { where: 'tmpfs', tree: t, rel, dest: m.dest };
  }

  /** The tree and key a location writes to, or undefined when read-only. */
  private target(c: Container, path: string): { tree: Tree; key: string } | 'ro' {
    const loc = this.locate(c, path);
    switch (loc.where) {
      case 'volume':
        return loc.rw ? { tree: loc.volume.files, key: loc.rel } : 'ro';
      case 'bind':
        return loc.rw ? { tree: this.host, key: loc.hostPath } : 'ro';
      case 'tmpfs':
        return { tree: loc.tree, key: loc.rel };
      case 'rootfs':
        return { tree: c.rootfs, key: loc.path };
    }
  }

  /** What a process in the container does: `sh -c 'mkdir -p DIR && echo X > DIR/FILE'`. */
  private write(c: Container, dir: string, file: string, content: string): number {
    // mkdir -p: the directory is the mount point itself or lies on the root fs in this alphabet
    const d = this.target(c, dir);
    if (d !== 'ro' && d.key !== '' && !mkdirP(d.tree, d.key)) return 1;
    const t = this.target(c, join(dir, file));
    if (t === 'ro') return 1;
    t.tree.set(t.key, { kind: 'file', content });
    return 0;
  }

  /** `rm -f DIR/FILE` (busybox: lstat first, so a missing file is fine even on a read-only mount). */
  private remove(c: Container, dir: string, file: string): number {
    if (!this.view(c, dir)?.files.has(file)) return 0;
    const t = this.target(c, join(dir, file));
    if (t === 'ro') return 1;
    t.tree.delete(t.key);
    return 0;
  }

  /** `docker exec C sh -c 'mkdir -p DIR && echo X > DIR/FILE'`. */
  execWrite(name: string, dir: string, file: string, content: string): number {
    const c = this.containers.get(name);
    if (!c || c.status !== 'running') return 1;
    return this.write(c, dir, file, content);
  }

  /** `docker exec C rm -f DIR/FILE`. */
  execRemove(name: string, dir: string, file: string): number {
    const c = this.containers.get(name);
    if (!c || c.status !== 'running') return 1;
    return this.remove(c, dir, file);
  }

  /**
   * `docker run --rm [mounts] IMAGE sh -c 'mkdir -p DIR && echo X > DIR/FILE'` (or `rm -f`):
   * create, start, run, then remove the container and its anonymous volumes.
   */
  runOnce(req: Omit<CreateRequest, 'name'>, action: { op: 'write'; dir: string; file: string; content: string } | { op: 'rm'; dir: string; file: string }): number {
    const name = `#once-${this.anonCounter}-${this.containers.size}`;
    const c = this.create({ ...req, name });
    if (!c) return 125;
    this.start(name);
    const code = action.op === 'write' ? this.write(c, action.dir, action.file, action.content) : this.remove(c, action.dir, action.file);
    this.rm(name, true, true);
    return code;
  }

  /** A directory as a process in the container sees it, or undefined when it does not exist. */
  view(c: Container, dir: string): DirView | undefined {
    const loc = this.locate(c, dir);
    let tree: Tree;
    let key: string;
    let root: { mode: number; owner: string } | undefined;
    switch (loc.where) {
      case 'volume':
        tree = loc.volume.files;
        key = loc.rel;
        if (key === '') root = { mode: loc.volume.rootMode, owner: loc.volume.rootOwner };
        break;
      case 'bind':
        tree = this.host;
        key = loc.hostPath;
        break;
      case 'tmpfs':
        tree = loc.tree;
        key = loc.rel;
        if (key === '') root = { mode: c.tmpfsRootModes?.get(loc.dest) ?? 0o1777, owner: 'root' };
        break;
      case 'rootfs':
        tree = c.rootfs;
        key = loc.path;
        break;
    }
    if (!root) {
      const e = tree.get(key);
      if (e?.kind !== 'dir') return undefined;
      root = e;
    }
    const files = new Map<string, string>();
    for (const [n, e] of children(tree, key)) if (e.kind === 'file') files.set(n, e.content);
    return { mode: root.mode, owner: root.owner, files };
  }

  /** A host directory (relative to $PWD) as the host sees it. */
  hostView(dir: string): DirView | undefined {
    const e = this.host.get(dir);
    if (e?.kind !== 'dir') return undefined;
    const files = new Map<string, string>();
    for (const [n, c] of children(this.host, dir)) if (c.kind === 'file') files.set(n, c.content);
    return { mode: e.mode, owner: e.owner, files };
  }

  /** A volume's root as a fresh container mounting it sees it. */
  volumeView(name: string): DirView | undefined {
    const v = this.volumes.get(name);
    if (!v) return undefined;
    const files = new Map<string, string>();
    for (const [n, e] of children(v.files, '')) if (e.kind === 'file') files.set(n, e.content);
    return { mode: v.rootMode, owner: v.rootOwner, files };
  }
}
