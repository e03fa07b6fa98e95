// xz decompression, for ADD (moby pkg/archive DetectCompression recognises fd '7zXZ' 00 and
// DecompressStream pipes it through `xz -d -c -q`) and the shells' tar. No pure-JavaScript xz
// decoder fit for the core is on npm (native bindings, WebAssembly, or Node streams and Buffer),
// so this is one, written from the specifications:
//  - the container: "The .xz File Format" 1.1.0 (tukaani.org/xz/xz-file-format.txt): streams of a
//    header, blocks, an index and a footer, with stream padding between them;
//  - the filter: LZMA2 (ID 0x21), chunks of LZMA data or stored bytes, as liblzma's lzma2_decoder.c
//    and xz-embedded's xz_dec_lzma2.c read them; the LZMA decoder itself follows Igor Pavlov's
//    LzmaSpec.cpp (the reference decoder in the LZMA SDK, public domain).
// Only LZMA2 is decoded: what `xz` and `tar -J` write. Another filter (BCJ, delta) is refused by
// name (XzUnsupported), and so is an integrity check this cannot verify.

import { byteArray, byteString, hexOf } from '../fs/bytes.ts';
import { digestHex } from '../fs/digest.ts';
import { decompressionLimit, MAX_FILE_BYTES } from '../fs/errors.ts';

/** Data that is not a valid xz file (bad magic, a bad header or CRC, corrupt LZMA2 data, truncation). */
export class XzError extends Error {}

/** A valid xz file that uses what this decoder does not (a filter other than LZMA2). */
export class XzUnsupported extends Error {}

const MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const FOOTER_MAGIC = [0x59, 0x5a];
const LZMA2_FILTER = 0x21;

export function isXz(data: string): boolean {
  return data.startsWith('\xfd7zXZ\x00');
}

/** The decompressed bytes of one or more concatenated xz streams. */
export function unxz(data: string): string {
  const input = byteArray(data);
  const out = new Output(Math.min(MAX_FILE_BYTES, Math.max(4096, input.length * 4)));
  let pos = 0;
  do {
    pos = readStream(input, pos, out);
    // stream padding: null bytes in multiples of four, then another stream or the end
    const padStart = pos;
    while (pos < input.length && input[pos] === 0) pos++;
    if ((pos - padStart) % 4 !== 0) throw new XzError('stream padding is not a multiple of four bytes');
  } while (pos < input.length);
  return byteString(out.bytes());
}

// ---------------------------------------------------------------------------------------------
// The container

/** Size in bytes of the check field of each check ID (the format's table; 0 = none). */
function checkSize(id: number): number {
  if (id === 0) return 0;
  return 4 << Math.floor((id - 1) / 3);
}

function readStream(input: Uint8Array, start: number, out: Output): number {
  let pos = start;
  need(input, pos, 12);
  for (let i = 0; i < 6; i++) if (input[pos + i] !== MAGIC[i]) throw new XzError('not in xz format');
  const flags = input.subarray(pos + 6, pos + 8);
  if (flags[0] !== 0 || (flags[1] & 0xf0) !== 0) throw new XzUnsupported('xz stream flags of a later format version');
  if (crc32(flags) !== u32le(input, pos + 8)) throw new XzError('stream header CRC mismatch');
  const check = flags[1] & 0x0f;
  if (check !== 0 && check !== 1 && check !== 4 && check !== 10) throw new XzUnsupported(`the xz integrity check ${check}`);
  pos += 12;
  const blocks: [number, number][] = [];
  for (;;) {
    need(input, pos, 1);
    if (input[pos] === 0) break; // the index indicator
    const from = out.length;
    const blockStart = pos;
    pos = readBlock(input, pos, out);
    const unpadded = pos - blockStart;
    while (pos % 4 !== start % 4) {
      need(input, pos, 1);
      if (input[pos++] !== 0) throw new XzError('nonzero block padding');
    }
    const size = checkSize(check);
    need(input, pos, size);
    verifyCheck(check, out.slice(from), input.subarray(pos, pos + size));
    pos += size;
    blocks.push([unpadded + size, out.length - from]);
  }
  const indexStart = pos;
  pos = readIndex(input, pos, blocks);
  const backward = pos - indexStart;
  need(input, pos, 12);
  if (crc32(input.subarray(pos + 4, pos + 10)) !== u32le(input, pos)) throw new XzError('stream footer CRC mismatch');
  if ((u32le(input, pos + 4) + 1) * 4 !== backward) throw new XzError('backward size does not match the index');
  if (input[pos + 8] !== flags[0] || input[pos + 9] !== flags[1]) throw new XzError('stream footer flags differ from the header');
  if (input[pos + 10] !== FOOTER_MAGIC[0] || input[pos + 11] !== FOOTER_MAGIC[1]) throw new XzError('bad stream footer magic');
  return pos + 12;
}

function readBlock(input: Uint8Array, start: number, out: Output): number {
  const headerSize = (input[start] + 1) * 4;
  need(input, start, headerSize);
  const header = input.subarray(start, start + headerSize);
  if (crc32(header.subarray(0, headerSize - 4)) !== u32le(header, headerSize - 4)) throw new XzError('block header CRC mismatch');
  const flags = header[1];
  if ((flags & 0x3c) !== 0) throw new XzUnsupported('xz block flags of a later format version');
  const r = { pos: 2 };
  const compressedSize = flags & 0x40 ? varint(header, r) : undefined;
  const uncompressedSize = flags & 0x80 ? varint(header, r) : undefined;
  const filters = (flags & 3) + 1;
  let dictProp = -1;
  for (let i = 0; i < filters; i++) {
    const id = varint(header, r);
    const propSize = varint(header, r);
    if (id !== LZMA2_FILTER || filters !== 1) throw new XzUnsupported(`the xz filter 0x${id.toString(16)} (only LZMA2 alone is decoded)`);
    if (propSize !== 1) throw new XzError('bad LZMA2 filter properties');
    dictProp = header[r.pos++];
    if (dictProp > 40) throw new XzError('bad LZMA2 dictionary size');
  }
  for (let i = r.pos; i < headerSize - 4; i++) if (header[i] !== 0) throw new XzError('nonzero block header padding');
  const dataStart = start + headerSize;
  const from = out.length;
  const end = decodeLzma2(input, dataStart, out);
  if (compressedSize !== undefined && end - dataStart !== compressedSize) throw new XzError('block compressed size mismatch');
  if (uncompressedSize !== undefined && out.length - from !== uncompressedSize) throw new XzError('block uncompressed size mismatch');
  return end;
}

function readIndex(input: Uint8Array, start: number, blocks: [number, number][]): number {
  const r = { pos: start + 1 };
  const records = varint(input, r);
  if (records !== blocks.length) throw new XzError('index does not match the blocks');
  for (const [unpadded, uncompressed] of blocks) {
    if (varint(input, r) !== unpadded || varint(input, r) !== uncompressed) throw new XzError('index does not match the blocks');
  }
  while ((r.pos - start) % 4 !== 0) {
    need(input, r.pos, 1);
    if (input[r.pos++] !== 0) throw new XzError('nonzero index padding');
  }
  need(input, r.pos, 4);
  if (crc32(input.subarray(start, r.pos)) !== u32le(input, r.pos)) throw new XzError('index CRC mismatch');
  return r.pos + 4;
}

function verifyCheck(check: number, data: Uint8Array, stored: Uint8Array): void {
  let ok = true;
  if (check === 1) ok = crc32(data) === u32le(stored, 0);
  else if (check === 4) {
    const [lo, hi] = crc64(data);
    ok = lo === u32le(stored, 0) && hi === u32le(stored, 4);
  } else if (check === 10) ok = digestHex('sha256', byteString(data)) === hexOf(stored);
  if (!ok) throw new XzError('integrity check failed');
}

/** A multibyte integer of the format: 7 bits a byte, least significant first, at most 9 bytes. */
function varint(buf: Uint8Array, r: { pos: number }): number {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    need(buf, r.pos, 1);
    const b = buf[r.pos++];
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) {
      if (b === 0 && i > 0) throw new XzError('overlong integer');
      return value;
    }
  }
  throw new XzError('integer too long');
}

function need(buf: Uint8Array, pos: number, n: number): void {
  if (pos + n > buf.length) throw new XzError('unexpected end of input');
}

function u32le(buf: Uint8Array, pos: number): number {
  return (buf[pos] | (buf[pos + 1] << 8) | (buf[pos + 2] << 16) | (buf[pos + 3] << 24)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Checks: CRC32 (IEEE 802.3, reflected 0xEDB88320) and CRC64 (ECMA-182, reflected
// 0xC96C5795D7870F42, kept as two 32-bit halves)

const CRC32_TABLE = new Uint32Array(256);
const CRC64_LO = new Uint32Array(256);
const CRC64_HI = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC32_TABLE[i] = c >>> 0;
  let lo = i;
  let hi = 0;
  for (let k = 0; k < 8; k++) {
    const odd = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (odd) {
      lo = (lo ^ 0xd7870f42) >>> 0;
      hi = (hi ^ 0xc96c5795) >>> 0;
    }
  }
  CRC64_LO[i] = lo;
  CRC64_HI[i] = hi;
}

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC32_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC64 as [low 32 bits, high 32 bits]. */
export function crc64(data: Uint8Array): [number, number] {
  let lo = 0xffffffff;
  let hi = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    const t = (lo ^ data[i]) & 0xff;
    lo = (((lo >>> 8) | (hi << 24)) ^ CRC64_LO[t]) >>> 0;
    hi = ((hi >>> 8) ^ CRC64_HI[t]) >>> 0;
  }
  return [(lo ^ 0xffffffff) >>> 0, (hi ^ 0xffffffff) >>> 0];
}

// ---------------------------------------------------------------------------------------------
// The output: a growing byte array, which is also the LZMA dictionary (everything decoded so far)

class Output {
  private buf: Uint8Array;
  length = 0;
  /** Where the dictionary was last reset: no match may reach before it. */
  dictStart = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }
  private grow(n: number): void {
    if (this.length + n <= this.buf.length) return;
    // a few kilobytes of xz can stand for gigabytes: the simulation's file budget bounds it
    if (this.length + n > MAX_FILE_BYTES) throw decompressionLimit('xz');
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    size = Math.min(size, MAX_FILE_BYTES);
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  push(b: number): void {
    this.grow(1);
    this.buf[this.length++] = b;
  }
  append(bytes: Uint8Array): void {
    this.grow(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }
  /** The byte `dist` bytes back (1 = the last one), 0 before the dictionary's start. */
  back(dist: number): number {
    return this.length - dist >= this.dictStart ? this.buf[this.length - dist] : 0;
  }
  copyMatch(dist: number, len: number): void {
    if (this.length - dist < this.dictStart) throw new XzError('LZMA match distance out of the dictionary');
    this.grow(len);
    for (let i = 0; i < len; i++, this.length++) this.buf[this.length] = this.buf[this.length - dist];
  }
  slice(from: number): Uint8Array {
    return this.buf.subarray(from, this.length);
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

// ---------------------------------------------------------------------------------------------
// LZMA2: chunks. Control byte 0x00 ends; 0x01 (dictionary reset) and 0x02 are stored chunks of
// a 16-bit size; 0x80..0xff are LZMA chunks with 21 bits of unpacked size, 16 of packed size, and
// in bits 5-6 what is reset (0 nothing, 1 the state, 2 the state and new properties, 3 those and
// the dictionary).

function decodeLzma2(input: Uint8Array, start: number, out: Output): number {
  let pos = start;
  let lzma: LzmaDecoder | undefined;
  let needDictReset = true;
  let needProps = true;
  for (;;) {
    need(input, pos, 1);
    const control = input[pos++];
    if (control === 0x00) return pos;
    if (control === 0x01 || control === 0x02) {
      if (control === 0x01) {
        out.dictStart = out.length;
        needDictReset = false;
      } else if (needDictReset) throw new XzError('LZMA2 stream does not start with a dictionary reset');
      need(input, pos, 2);
      const size = ((input[pos] << 8) | input[pos + 1]) + 1;
      pos += 2;
      need(input, pos, size);
      out.append(input.subarray(pos, pos + size));
      pos += size;
      continue;
    }
    if (control < 0x80) throw new XzError(`bad LZMA2 control byte 0x${control.toString(16)}`);
    need(input, pos, 4);
    const unpacked = (control & 0x1f) * 0x10000 + ((input[pos] << 8) | input[pos + 1]) + 1;
    const packed = ((input[pos + 2] << 8) | input[pos + 3]) + 1;
    pos += 4;
    const reset = (control >> 5) & 3;
    if (reset === 3) {
      out.dictStart = out.length;
      needDictReset = false;
    } else if (needDictReset) throw new XzError('LZMA2 stream does not start with a dictionary reset');
    if (reset >= 2) {
      need(input, pos, 1);
      lzma = new LzmaDecoder(input[pos++]);
      needProps = false;
    } else if (needProps || lzma === undefined) throw new XzError('LZMA2 chunk without properties');
    else if (reset === 1) lzma.resetState();
    need(input, pos, packed);
    lzma.decodeChunk(input.subarray(pos, pos + packed), out, unpacked);
    pos += packed;
  }
}

// ---------------------------------------------------------------------------------------------
// LZMA (LzmaSpec.cpp): a range decoder over adaptive binary probabilities

const PROB_INIT = 1024;
const NUM_STATES = 12;
const POS_BITS_MAX = 4;
const END_POS_MODEL_INDEX = 14;
const NUM_FULL_DISTANCES = 128;
const ALIGN_BITS = 4;
const LEN_TO_POS_STATES = 4;
const MATCH_MIN_LEN = 2;

class RangeDecoder {
  private range = 0xffffffff;
  private code = 0;
  private pos = 5;
  constructor(private readonly data: Uint8Array) {
    if (data.length < 5 || data[0] !== 0) throw new XzError('bad LZMA range coder start');
    this.code = ((data[1] << 24) | (data[2] << 16) | (data[3] << 8) | data[4]) >>> 0;
    if (this.code === this.range) throw new XzError('bad LZMA range coder start');
  }
  private next(): number {
    if (this.pos >= this.data.length) throw new XzError('LZMA chunk ends early');
    return this.data[this.pos++];
  }
  private normalize(): void {
    if (this.range < 0x1000000) {
      this.range = (this.range << 8) >>> 0;
      this.code = ((this.code << 8) | this.next()) >>> 0;
    }
  }
  bit(probs: Uint16Array, i: number): number {
    const p = probs[i];
    const bound = (this.range >>> 11) * p;
    let bit: number;
    if (this.code < bound) {
      this.range = bound;
      probs[i] = p + ((2048 - p) >>> 5);
      bit = 0;
    } else {
      this.range -= bound;
      this.code -= bound;
      probs[i] = p - (p >>> 5);
      bit = 1;
    }
    this.normalize();
    return bit;
  }
  direct(count: number): number {
    let res = 0;
    for (let i = 0; i < count; i++) {
      this.range >>>= 1;
      let bit = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        bit = 1;
      }
      res = ((res << 1) | bit) >>> 0;
      this.normalize();
    }
    return res;
  }
  tree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) + this.bit(probs, base + m);
    return m - (1 << bits);
  }
  reverseTree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < bits; i++) {
      const bit = this.bit(probs, base + m);
      m = (m << 1) + bit;
      symbol |= bit << i;
    }
    return symbol;
  }
  /** The chunk's packed bytes are all read and the code is zero (xz-embedded rc_is_finished). */
  finished(): boolean {
    return this.pos === this.data.length && this.code === 0;
  }
}

/** A length coder: choice bits, then 3 bits (low, mid, per position state) or 8 (high). */
class LenDecoder {
  private readonly choice = new Uint16Array(2).fill(PROB_INIT);
  private readonly low = new Uint16Array(1 << (POS_BITS_MAX + 3)).fill(PROB_INIT);
  private readonly mid = new Uint16Array(1 << (POS_BITS_MAX + 3)).fill(PROB_INIT);
  private readonly high = new Uint16Array(256).fill(PROB_INIT);
  decode(rc: RangeDecoder, posState: number): number {
    if (rc.bit(this.choice, 0) === 0) return rc.tree(this.low, posState << 3, 3);
    if (rc.bit(this.choice, 1) === 0) return 8 + rc.tree(this.mid, posState << 3, 3);
    return 16 + rc.tree(this.high, 0, 8);
  }
}

class LzmaDecoder {
  private readonly lc: number;
  private readonly lp: number;
  private readonly pb: number;
  private literals!: Uint16Array;
  private isMatch!: Uint16Array;
  private isRep!: Uint16Array;
  private isRepG0!: Uint16Array;
  private isRepG1!: Uint16Array;
  private isRepG2!: Uint16Array;
  private isRep0Long!: Uint16Array;
  private posSlot!: Uint16Array;
  private posDecoders!: Uint16Array;
  private align!: Uint16Array;
  private lenDecoder!: LenDecoder;
  private repLenDecoder!: LenDecoder;
  private state = 0;
  private reps = [0, 0, 0, 0];

  constructor(props: number) {
    if (props >= 9 * 5 * 5) throw new XzError('bad LZMA properties');
    this.lc = props % 9;
    this.lp = Math.floor(props / 9) % 5;
    this.pb = Math.floor(props / 45);
    // LZMA2 allows lc + lp <= 4 only
    if (this.lc + this.lp > 4) throw new XzError('bad LZMA properties');
    this.resetState();
  }

  resetState(): void {
    const probs = (n: number): Uint16Array => new Uint16Array(n).fill(PROB_INIT);
    this.literals = probs(0x300 << (this.lc + this.lp));
    this.isMatch = probs(NUM_STATES << POS_BITS_MAX);
    this.isRep = probs(NUM_STATES);
    this.isRepG0 = probs(NUM_STATES);
    this.isRepG1 = probs(NUM_STATES);
    this.isRepG2 = probs(NUM_STATES);
    this.isRep0Long = probs(NUM_STATES << POS_BITS_MAX);
    this.posSlot = probs(LEN_TO_POS_STATES << 6);
    this.posDecoders = probs(1 + NUM_FULL_DISTANCES - END_POS_MODEL_INDEX);
    this.align = probs(1 << ALIGN_BITS);
    this.lenDecoder = new LenDecoder();
    this.repLenDecoder = new LenDecoder();
    this.state = 0;
    this.reps = [0, 0, 0, 0];
  }

  /** Decode one LZMA2 chunk's packed bytes into exactly `unpacked` bytes of `out`. */
  decodeChunk(packed: Uint8Array, out: Output, unpacked: number): void {
    const rc = new RangeDecoder(packed);
    const end = out.length + unpacked;
    const pbMask = (1 << this.pb) - 1;
    const reps = this.reps;
    while (out.length < end) {
      const posState = out.length & pbMask;
      const state = this.state;
      if (rc.bit(this.isMatch, (state << POS_BITS_MAX) + posState) === 0) {
        this.literal(rc, out);
        continue;
      }
      let len: number;
      if (rc.bit(this.isRep, state) === 0) {
        reps[3] = reps[2];
        reps[2] = reps[1];
        reps[1] = reps[0];
        len = this.lenDecoder.decode(rc, posState);
        this.state = state < 7 ? 7 : 10;
        reps[0] = this.distance(rc, len);
        if (reps[0] === 0xffffffff) throw new XzError('LZMA end marker inside an LZMA2 chunk');
      } else {
        if (out.length === out.dictStart) throw new XzError('LZMA repeated match in an empty dictionary');
        if (rc.bit(this.isRepG0, state) === 0) {
          if (rc.bit(this.isRep0Long, (state << POS_BITS_MAX) + posState) === 0) {
            this.state = state < 7 ? 9 : 11;
            out.push(out.back(reps[0] + 1));
            continue;
          }
        } else {
          let dist: number;
          if (rc.bit(this.isRepG1, state) === 0) dist = reps[1];
          else {
            if (rc.bit(this.isRepG2, state) === 0) dist = reps[2];
            else {
              dist = reps[3];
              reps[3] = reps[2];
            }
            reps[2] = reps[1];
          }
          reps[1] = reps[0];
          reps[0] = dist;
        }
        len = this.repLenDecoder.decode(rc, posState);
        this.state = state < 7 ? 8 : 11;
      }
      const n = len + MATCH_MIN_LEN;
      if (out.length + n > end) throw new XzError('LZMA match past the end of its chunk');
      out.copyMatch(reps[0] + 1, n);
    }
    if (!rc.finished()) throw new XzError('LZMA chunk does not end where its size says');
  }

  private literal(rc: RangeDecoder, out: Output): void {
    const prev = out.back(1);
    const litState = ((out.length & ((1 << this.lp) - 1)) << this.lc) + (prev >>> (8 - this.lc));
    const base = 0x300 * litState;
    const probs = this.literals;
    let symbol = 1;
    if (this.state >= 7) {
      let matchByte = out.back(this.reps[0] + 1);
      do {
        const matchBit = (matchByte >>> 7) & 1;
        matchByte <<= 1;
        const bit = rc.bit(probs, base + ((1 + matchBit) << 8) + symbol);
        symbol = (symbol << 1) | bit;
        if (matchBit !== bit) break;
      } while (symbol < 0x100);
    }
    while (symbol < 0x100) symbol = (symbol << 1) | rc.bit(probs, base + symbol);
    out.push(symbol & 0xff);
    this.state = this.state < 4 ? 0 : this.state < 10 ? this.state - 3 : this.state - 6;
  }

  private distance(rc: RangeDecoder, len: number): number {
    const lenState = Math.min(len, LEN_TO_POS_STATES - 1);
    const posSlot = rc.tree(this.posSlot, lenState << 6, 6);
    if (posSlot < 4) return posSlot;
    const directBits = (posSlot >>> 1) - 1;
    let dist = ((2 | (posSlot & 1)) << directBits) >>> 0;
    if (posSlot < END_POS_MODEL_INDEX) return dist + rc.reverseTree(this.posDecoders, dist - posSlot, directBits);
    dist = (dist + ((rc.direct(directBits - ALIGN_BITS) << ALIGN_BITS) >>> 0)) >>> 0;
    return (dist + rc.reverseTree(this.align, 0, ALIGN_BITS)) >>> 0;
  }
}
