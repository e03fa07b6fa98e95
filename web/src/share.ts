// A session in a link: the engine, the images and the commands, as base64url JSON in the URL's
// fragment (`#session=...`). A fragment never reaches a server and works from file://, so a
// teacher can mail the link to an exercise; the page replays the commands when it opens.

import { ENGINE_NAMES, type EngineName } from '../../src/index.ts';

export interface SharedSession {
  engine: EngineName;
  images: string[];
  commands: string[];
  title?: string;
  /** A lesson open in the page (a teacher's own exercise travels whole), and how far it has gone. */
  lesson?: SharedLesson;
}

export interface SharedLesson {
  /** The scenario's text. */
  text: string;
  file: string;
  /** Commands of the lesson already run. */
  at: number;
}

const KEY = 'session=';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The fragment (with its `#`) that carries `s`. */
export function encodeSession(s: SharedSession): string {
  const data: Record<string, unknown> = { v: 1, engine: s.engine, commands: s.commands };
  if (s.images.length > 0) data.images = s.images;
  if (s.title !== undefined) data.title = s.title;
  if (s.lesson !== undefined) data.lesson = s.lesson;
  return `#${KEY}${toBase64Url(JSON.stringify(data))}`;
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((c) => typeof c === 'string');

/**
 * The session in a fragment; undefined when the fragment carries none. Throws an Error saying
 * what is wrong with a fragment that carries a broken one (a truncated link, an unknown engine).
 */
export function decodeSession(hash: string): SharedSession | undefined {
  const h = hash.replace(/^#/, '');
  if (!h.startsWith(KEY)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(fromBase64Url(h.slice(KEY.length)));
  } catch {
    throw new Error('this link carries a session that cannot be read (was it cut short?)');
  }
  if (typeof data !== 'object' || data === null) throw new Error('this link carries no session');
  const d = data as Record<string, unknown>;
  if (d.v !== 1) throw new Error(`this link was made by another version of the playground (v${String(d.v)})`);
  if (typeof d.engine !== 'string' || !(ENGINE_NAMES as readonly string[]).includes(d.engine)) throw new Error(`unknown engine in the link: ${String(d.engine)}`);
  if (!isStrings(d.commands)) throw new Error('the link\'s commands are not a list of command lines');
  if (d.images !== undefined && !isStrings(d.images)) throw new Error('the link\'s images are not a list of names');
  const shared: SharedSession = { engine: d.engine as EngineName, commands: d.commands, images: (d.images as string[] | undefined) ?? [], title: typeof d.title === 'string' ? d.title : undefined };
  if (d.lesson !== undefined) {
    const l = d.lesson as Record<string, unknown>;
    if (typeof l !== 'object' || l === null || typeof l.text !== 'string' || typeof l.file !== 'string' || !Number.isInteger(l.at) || (l.at as number) < 0) {
      throw new Error('the link\'s lesson is not a scenario with a position');
    }
    shared.lesson = { text: l.text, file: l.file, at: l.at as number };
  }
  return shared;
}
