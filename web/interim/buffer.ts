// Interim stand-in for the Buffer global (see README.md): what the core calls of it.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Buffer extends Uint8Array {
  static from(data: string | ArrayLike<number>, enc = 'utf8'): Buffer {
    if (typeof data !== 'string') return new Buffer(Array.from(data));
    if (enc === 'latin1' || enc === 'binary') return new Buffer(Array.from(data, (c) => c.charCodeAt(0) & 0xff));
    if (enc === 'hex') return new Buffer((data.match(/../g) ?? []).map((h) => parseInt(h, 16)));
    if (enc === 'base64') return new Buffer(Array.from(atob(data.replace(/[^A-Za-z0-9+/]/g, '').replace(/(.{4})*(.+)?$/, (m, _a, rest: string | undefined) => (rest ? m + '='.repeat(4 - rest.length) : m))), (c) => c.charCodeAt(0)));
    return new Buffer(new TextEncoder().encode(data));
  }
  static byteLength(s: string): number {
    return new TextEncoder().encode(s).length;
  }
  override toString(enc = 'utf8'): string {
    if (enc === 'hex') return Array.from(this, (b) => HEX[b]).join('');
    if (enc === 'latin1' || enc === 'binary') {
      let s = '';
      for (let i = 0; i < this.length; i += 8192) s += String.fromCharCode(...this.subarray(i, i + 8192));
      return s;
    }
    if (enc === 'base64') return btoa(this.toString('latin1'));
    return new TextDecoder().decode(this);
  }
}
