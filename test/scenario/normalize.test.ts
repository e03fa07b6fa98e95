import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { normalizeTranscript, splitOutput, type NormalizeContext } from '../../src/scenario/index.ts';
import { loadRecorder, RECORDER_DATA_ROOT, RECORDER_EXEC_ROOT } from './recorder.ts';

const hex = (label: string): string => createHash('sha256').update(label).digest('hex');
const A = hex('container-a');
const B = hex('container-b');
const V = hex('anonymous-volume');
const I = hex('image-i');
const J = hex('image-j');
const PWD = '/tmp/dockersim-oracle/work/wAbC123';

const ctx = (over: Partial<NormalizeContext> = {}): NormalizeContext => ({
  pwd: PWD,
  knownIds: new Set<string>(),
  imageIds: new Set<string>(),
  ...over,
});

describe('normalizeTranscript', () => {
  it('numbers 64-hex IDs by first appearance across the whole transcript', () => {
    expect(normalizeTranscript([[A], [B, `${A} ${B}`], [], [V]], ctx())).toEqual([
      ['<id1>'], ['<id2>', '<id1> <id2>'], [], ['<id3>'],
    ]);
  });

  it('numbers images separately: sha256: prefix consumed, bare hex of an image is an image', () => {
    const out = normalizeTranscript([[`sha256:${I}`, A], [`${I} ${J}`]], ctx({ imageIds: new Set([J]) }));
    expect(out).toEqual([['<img1>', '<id1>'], ['<img1> <img2>']]);
  });

  it('a hex seen with sha256: anywhere (even later) is an image everywhere', () => {
    expect(normalizeTranscript([[I], [`"Id": "sha256:${I}"`]], ctx())).toEqual([['<img1>'], ['"Id": "<img1>"']]);
  });

  it('12-hex prefixes of known IDs become <idN:12> / <imgN:12>; unknown 12-hex words are kept', () => {
    const short = A.slice(0, 12);
    const unknown = hex('nobody').slice(0, 12);
    const out = normalizeTranscript(
      [[`${short}   busybox`, unknown], [A], [`sha256:${I.slice(0, 12)}`, I.slice(0, 12)]],
      ctx({ knownIds: new Set([A]), imageIds: new Set([I]) }),
    );
    expect(out).toEqual([['<id1:12>   busybox', unknown], ['<id1>'], ['sha256:<img1:12>', '<img1:12>']]);
  });

  it('learns full IDs from the output itself (a short form before the full one)', () => {
    expect(normalizeTranscript([[B.slice(0, 12)], [B]], ctx())).toEqual([['<id1:12>'], ['<id1>']]);
  });

  it('leaves hex runs of other lengths alone', () => {
    const long = A + 'ab';
    const thirteen = A.slice(0, 13);
    expect(normalizeTranscript([[long, thirteen, 'deadbeef']], ctx({ knownIds: new Set([A]) }))).toEqual([
      [long, thirteen, 'deadbeef'],
    ]);
  });

  it('replaces the working directory, data root and exec root', () => {
    const out = normalizeTranscript(
      [[`${PWD}/data`, '/srv/root/volumes/v/_data', '/srv/exec/x', `bind ${PWD} ${PWD}`]],
      ctx({ dataRoot: '/srv/root', execRoot: '/srv/exec' }),
    );
    expect(out).toEqual([['$PWD/data', '/var/lib/docker/volumes/v/_data', '/var/run/docker/x', 'bind $PWD $PWD']]);
  });

  it('replaces timestamps in RFC 3339 and Go formats', () => {
    const out = normalizeTranscript(
      [[
        '"CreatedAt": "2024-05-06T07:08:09Z",',
        'at 2024-05-06T07:08:09.123456789+02:00 and 2024-05-06T07:08:09-05:00',
        '2024-05-06 07:08:09.1234 +0000 UTC',
        '2024-05-06 07:08:09 +0000 UTC x',
        'not a time: 2024-05-06',
      ]],
      ctx(),
    );
    expect(out).toEqual([['"CreatedAt": "<time>",', 'at <time> and <time>', '<time>', '<time> x', 'not a time: 2024-05-06']]);
  });

  it('keeps empty lines and trailing spaces', () => {
    expect(normalizeTranscript([['Deleted Volumes:', V, '', 'x  ']], ctx())).toEqual([['Deleted Volumes:', '<id1>', '', 'x  ']]);
  });

  it('is idempotent', () => {
    const c = ctx({ knownIds: new Set([A, V]), imageIds: new Set([I]), dataRoot: '/srv/root' });
    const once = normalizeTranscript(
      [[`${A.slice(0, 12)} ${PWD}`, `sha256:${I}`], ['2024-05-06T07:08:09Z /srv/root', `${V} ${B.slice(0, 12)}`]],
      c,
    );
    expect(normalizeTranscript(once, c)).toEqual(once);
  });
});

describe('splitOutput', () => {
  it('splits like the recorder', () => {
    expect(splitOutput('')).toEqual([]);
    expect(splitOutput('\n')).toEqual(['']);
    expect(splitOutput('a')).toEqual(['a']);
    expect(splitOutput('a\n')).toEqual(['a']);
    expect(splitOutput('a\n\n')).toEqual(['a', '']);
    expect(splitOutput('a\n\nb\n')).toEqual(['a', '', 'b']);
  });
});

// ------------------------------------------------------------------ properties
const pool = [A, B, V, I, J];
const token = fc.oneof(
  fc.constantFrom(...pool),
  fc.constantFrom(...pool).map((h) => h.slice(0, 12)),
  fc.constantFrom('sha256:', 'sha256:', ' ', ' ', '\n', '\n', ':', '/', 'a', 'f0', '7', 'x', '<', '>', '$PWD'),
  fc.constantFrom(PWD, RECORDER_DATA_ROOT, RECORDER_EXEC_ROOT, '/var/lib/docker'),
  fc.constantFrom('2024-05-06T07:08:09Z', '2024-05-06T07:08:09.5+01:00', '2024-05-06 07:08:09.25 +0000 UTC'),
  fc.stringMatching(/^[0-9a-f]{12}$/),
  fc.stringMatching(/^[0-9a-f]{64}$/),
);
const output = fc.array(token, { maxLength: 12 }).map((ts) => ts.join(''));
const transcript = fc.array(output, { maxLength: 6 });
const subset = fc.subarray(pool);

const recorder = await loadRecorder();

describe('normalization properties', () => {
  it.skipIf(!recorder)('matches the recorder on random transcripts', () => {
    fc.assert(
      fc.property(transcript, subset, subset, (texts, ids, imgs) => {
        // the recorder's bookkeeping (record.mjs recordFile), then its normalizer
        const known = { ids: new Set(ids), imgs: new Set(imgs) };
        for (const t of texts) {
          for (const m of t.matchAll(/(?<![0-9a-f])(sha256:)?([0-9a-f]{64})(?![0-9a-f])/g)) (m[1] ? known.imgs : known.ids).add(m[2]);
        }
        for (const h of known.imgs) known.ids.delete(h);
        const norm = recorder!.makeNormalizer({ workdir: PWD, known });
        const want = texts.map((t) => {
          let s = norm(t);
          if (s.endsWith('\n')) s = s.slice(0, -1);
          return t === '' ? [] : s.split('\n');
        });
        const got = normalizeTranscript(texts.map(splitOutput), {
          pwd: PWD, dataRoot: RECORDER_DATA_ROOT, execRoot: RECORDER_EXEC_ROOT, knownIds: new Set(ids), imageIds: new Set(imgs),
        });
        expect(got).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent on random transcripts', () => {
    fc.assert(
      fc.property(transcript, subset, subset, (texts, ids, imgs) => {
        const c: NormalizeContext = { pwd: PWD, dataRoot: RECORDER_DATA_ROOT, knownIds: new Set(ids), imageIds: new Set(imgs) };
        const once = normalizeTranscript(texts.map(splitOutput), c);
        expect(normalizeTranscript(once, c)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });
});
