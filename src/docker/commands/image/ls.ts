// docker images (docker image ls): tagged images and dangling ones; -a adds intermediates.
// `docker images REPO[:TAG]` is the CLI's shorthand for `--filter reference=REPO[:TAG]`.

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagList, flagString } from '../../args.ts';
import { errOut, flagError, out, refusal } from '../../errors.ts';
import { badFilterFormat, filterBool, labelsMatch, parseFilterFlags, type FilterArgs } from '../../filters.ts';
import { daemonText, type EngineProfile } from '../../../engine/profile.ts';
import { formatRows } from '../../output.ts';
import { humanDuration, humanSize, humanSizeWithPrecision } from '../../format/units.ts';
import { asFormatterContext } from '../../format/json.ts';
import { goTimeString } from '../../views/time.ts';
import { childrenOf, liveImages, tagsOf } from '../../../image/store.ts';
import { shownCreated, shownId, shownSize, sureOutput } from '../../../image/real.ts';
import { globMalformed, globMatch } from '../../../image/glob.ts';
import { goType, type GoValue } from '../../format/value.ts';
import type { EngineState, Image } from '../../../engine/state.ts';

/** docker/cli imageContext's headers (also `docker system df -v`'s images table). */
export const IMAGE_HEADERS = { Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE', Digest: 'DIGEST', Containers: 'CONTAINERS', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE', VirtualSize: 'SIZE' };

export interface ImageFilters {
  reference: string[];
  label: string[];
  dangling?: boolean;
}

/** The daemon's image filters (moby daemon/images/images.go Images at v20.10.24, image_list.go at v26.1.5). */
const IMAGE_FILTERS = ['before', 'dangling', 'label', 'reference', 'since', 'until'];

/** Read the filters; a string is the daemon's (or strata's refusal) message. */
export function parseImageFilters(profile: EngineProfile, args: FilterArgs): ImageFilters | { error: string; refused?: boolean } {
  const f: ImageFilters = { reference: args.get('reference') ?? [], label: args.get('label') ?? [] };
  for (const key of args.keys()) {
    if (!IMAGE_FILTERS.includes(key)) return { error: `Error response from daemon: ${daemonText(profile, `Invalid filter '${key}'`)}` };
  }
  const dangling = args.get('dangling');
  if (dangling !== undefined) {
    const value = filterBool(profile, 'dangling', dangling, { trueWords: ['true'], falseWords: ['false'] });
    if (typeof value !== 'boolean') return { error: `Error response from daemon: ${value.error}` };
    f.dangling = value;
  }
  for (const key of ['before', 'since', 'until']) {
    if (args.has(key)) return { error: `strata does not simulate the image filter \`${key}\` (image creation times are not simulated)`, refused: true };
  }
  return f;
}

/** moby reference.FamiliarMatch: the pattern matches `name:tag` or just the name. */
function referenceMatches(pattern: string, tag: string): boolean {
  const name = tag.slice(0, tag.lastIndexOf(':'));
  return globMatch(pattern, tag) || globMatch(pattern, name);
}


export interface ListedImage {
  image: Image;
  /** Tags shown (`<none>:<none>` for an untagged image). */
  tags: string[];
}

/** What the daemon answers when a `reference=` pattern is malformed (Go's path.ErrBadPattern). */
export const BAD_PATTERN = 'Error response from daemon: syntax error in pattern';

/**
 * moby ImageService.Images: which images `docker images` lists, and with which tags; the
 * daemon's error when a malformed reference pattern meets a tag. moby returns FamiliarMatch's
 * error at the first tag it tries a malformed pattern on (recorded:
 * image-layers/reference-filter-glob); it tries the patterns in a map's random order, so with a
 * good pattern beside a bad one the answer varies, and this takes the bad one as met first.
 */
export function listImages(st: Parameters<typeof liveImages>[0], all: boolean, f: ImageFilters): ListedImage[] | { error: string } {
  const listed: ListedImage[] = [];
  const malformed = f.reference.some(globMalformed);
  for (const image of liveImages(st).sort((a, b) => b.created - a.created)) {
    if (f.label.length > 0 && !labelsMatch(f.label, image.config.Labels)) continue;
    let tags = tagsOf(st, image.id);
    if (malformed && tags.length > 0) return { error: BAD_PATTERN };
    if (f.reference.length > 0) tags = tags.filter((t) => f.reference.some((p) => referenceMatches(p, t)));
    if (tags.length === 0) {
      // An untagged image: shown when it is nobody's parent (or with -a), never when filtering
      // by reference, and not for dangling=false.
      if (!all && childrenOf(st, image.id).length > 0) continue;
      if (f.dangling === false || f.reference.length > 0) continue;
      listed.push({ image, tags: ['<none>:<none>'] });
    } else if (f.dangling !== true) listed.push({ image, tags });
  }
  return listed;
}

/**
 * docker/cli formatter/image.go NewImageFormat: `table` (the default) and `raw` by -q and
 * --digests; a custom table format gets a DIGEST column with --digests unless it has one;
 * any other format runs as given, -q or not (recorded: inspect/list-format-keys). No image
 * here came from a registry, so every digest is `<none>`.
 */
function imageFormat(given: string | undefined, quiet: boolean, digests: boolean): string {
  const raw = (d: boolean): string =>
    `repository: {{ .Repository }}\ntag: {{.Tag}}\n${d ? 'digest: {{.Digest}}\n' : ''}image_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n`;
  switch (given ?? '') {
    case '':
    case 'table':
      if (quiet) return '{{.ID}}';
      return `table {{.Repository}}\t{{.Tag}}\t${digests ? '{{.Digest}}\t' : ''}{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}`;
    case 'raw':
      return quiet ? 'image_id: {{.ID}}' : raw(digests);
    default:
      return given!.startsWith('table') && digests && !given!.includes('{{.Digest}}') ? `${given}\t{{.Digest}}` : given!;
  }
}

export const images: DockerCommand = {
  spec: {
    path: 'images',
    args: { min: 0, max: 1 },
    usage: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
    description: 'List images',
    flags: [
      { long: 'all', short: 'a', kind: 'bool', help: 'Show all images (default hides intermediate images)' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only show image IDs' },
      { long: 'format', kind: 'string', help: 'Format output using a custom template' },
      { long: 'no-trunc', kind: 'bool', help: "Don't truncate output" },
      { long: 'digests', kind: 'bool', help: 'Show digests' },
      { long: 'filter', short: 'f', kind: 'list', help: 'Filter output based on conditions provided' },
    ],
  },
  run(ctx, p) {
    const st = ctx.st;
    if (p.args.length > 1) {
      errOut(ctx, `"docker images" requires at most 1 argument.\n`);
      return 1;
    }
    const args = parseFilterFlags(flagList(p, 'filter'));
    if ('badFormat' in args) return flagError(ctx, badFilterFormat(args.badFormat), 'images', 'docker images [OPTIONS] [REPOSITORY[:TAG]]');
    // `docker images REPO[:TAG]`: the CLI adds the argument as a reference filter (docker/cli image/list.go)
    for (const a of p.args) if (!(args.get('reference') ?? []).includes(a)) args.set('reference', [...(args.get('reference') ?? []), a]);
    const parsed = parseImageFilters(ctx.profile, args);
    if ('error' in parsed) {
      if (parsed.refused) return refusal(ctx, parsed.error);
      errOut(ctx, parsed.error + '\n');
      return 1;
    }
    const listed = listImages(st, flagBool(p, 'all'), parsed);
    if ('error' in listed) {
      errOut(ctx, listed.error + '\n');
      return 1;
    }
    const format = imageFormat(flagString(p, 'format'), flagBool(p, 'quiet'), flagBool(p, 'digests'));
    // a pulled catalog image is the real one: what strata does not know of it is refused (image/real.ts)
    const text = sureOutput(st, () => {
      const rows: GoValue[] = [];
      const ids: string[] = [];
      for (const { image, tags } of listed) {
        const hex = shownId(st, image);
        const id = flagBool(p, 'no-trunc') ? `sha256:${hex}` : hex.slice(0, 12);
        for (const t of tags) {
          ids.push(id);
          const i = t.lastIndexOf(':');
          rows.push(imageRow(st, image, { repository: t.slice(0, i), tag: t.slice(i + 1), id, digest: '<none>' }));
        }
      }
      // the quiet format `{{.ID}}` of each row: an image's ID once per tag (docker/cli
      // formatter/image.go imageFormat; recorded: image-layers/images-quiet-tags)
      if (format === '{{.ID}}') return ids.map((i) => i + '\n').join('');
      return formatRows(format, rows, IMAGE_HEADERS, ctx.profile.client);
    }, (a, b) => a === b, 'docker images');
    out(ctx, text);
    return 0;
  },
};

/**
 * docker/cli's imageContext over an image the daemon listed: CreatedAt is
 * time.Unix(Created, 0).String(), CreatedSince units.HumanDuration ago, Size at 3 digits and
 * VirtualSize at HumanSize's 4. The image list leaves Containers and SharedSize unset (-1), so
 * they and UniqueSize are `N/A`; a disk-usage listing (`docker system df -v`) gives `usage`
 * (inspect/format-json-rows).
 */
export function imageRow(
  st: EngineState,
  image: Image,
  shown: { repository: string; tag: string; id: string; digest: string },
  usage?: { containers: number; sharedSize: number },
): GoValue {
  const size = shownSize(st, image);
  const created = shownCreated(st, image);
  return asFormatterContext(goType({
    Repository: shown.repository,
    Tag: shown.tag,
    ID: shown.id,
    Digest: shown.digest,
    CreatedSince: `${humanDuration(st.clock - created)} ago`,
    CreatedAt: goTimeString(created),
    Size: humanSizeWithPrecision(size, 3),
    Containers: usage === undefined ? 'N/A' : String(usage.containers),
    VirtualSize: humanSize(size),
    SharedSize: usage === undefined ? 'N/A' : humanSize(usage.sharedSize),
    UniqueSize: usage === undefined ? 'N/A' : humanSize(size - usage.sharedSize),
  }, '*formatter.imageContext'));
}
