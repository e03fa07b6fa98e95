// Interim stand-in for node:zlib's gzipSync/gunzipSync (see README.md): pako.
import { gzip, ungzip } from 'pako';
import { Buffer } from './buffer.ts';

export const gzipSync = (data: Uint8Array): Buffer => Buffer.from(gzip(data));
export const gunzipSync = (data: Uint8Array): Buffer => Buffer.from(ungzip(data));
