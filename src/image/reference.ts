// Validation of image references as distribution/reference's ParseNormalizedNamed does it (the
// CLI checks `docker tag` targets and `docker build -t` names before asking the daemon).

export type ReferenceProblem = { kind: 'uppercase'; remote: string } | { kind: 'format' } | { kind: 'hex'; ref: string };

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?)';
const NAMED = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

/**
 * undefined when `ref` is a valid name[:tag]; else why not. `modern`: the library of the 28.2 CLI
 * and of BuildKit (distribution/reference), whose splitDockerDomain also takes a first component
 * with a capital for a registry domain; docker/distribution's, which the 20.10 CLI and daemon
 * vendor, does not (recorded: image-layers/reference-forms, `docker tag busybox Foo/bar`).
 */
export function referenceProblem(ref: string, modern: boolean): ReferenceProblem | undefined {
  if (/^[a-f0-9]{64}$/.test(ref)) return { kind: 'hex', ref };
  // splitDockerDomain (reference/normalize.go): a first component with `.`/`:` or `localhost` is a
  // registry domain; index.docker.io is Docker Hub's legacy name for docker.io, and a
  // one-component name on Docker Hub is an official `library/` repository (recorded:
  // image-layers/reference-index-domain, 26.1: `index.docker.io/Foo` names library/Foo).
  const i = ref.indexOf('/');
  const first = i >= 0 ? ref.slice(0, i) : '';
  const isDomain = /[.:]/.test(first) || first === 'localhost' || (modern && first !== first.toLowerCase());
  let remote = isDomain ? ref.slice(i + 1) : ref;
  if ((!isDomain || first === 'docker.io' || first === 'index.docker.io') && !remote.includes('/')) remote = `library/${remote}`;
  const at = remote.indexOf('@');
  const remoteName = remote.slice(0, at >= 0 ? at : undefined).replace(/:[^/]*$/, '');
  if (remoteName.toLowerCase() !== remoteName) return { kind: 'uppercase', remote: remoteName };
  if (!NAMED.test(ref)) return { kind: 'format' };
  return undefined;
}

/**
 * The library's message. Newer versions of distribution/reference (the 28.2 CLI) name the
 * repository in the upper-case error; the 20.10 CLI's and buildx's do not.
 */
export function referenceMessage(p: ReferenceProblem, namesRepository: boolean): string {
  // (recorded: image-layers/reference-forms, both CLIs)
  if (p.kind === 'hex') return `invalid repository name (${p.ref}), cannot specify 64-byte hexadecimal strings`;
  if (p.kind === 'format') return 'invalid reference format';
  return namesRepository ? `invalid reference format: repository name (${p.remote}) must be lowercase` : 'invalid reference format: repository name must be lowercase';
}
