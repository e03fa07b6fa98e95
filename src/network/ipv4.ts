// IPv4 addresses and subnets as libnetwork handles them (net.ParseIP / net.ParseCIDR for the
// dotted-quad forms people type), and the MAC address the bridge driver derives from an IP.

/** An IPv4 address as a 32-bit number, or undefined when `s` is not a dotted quad. */
export function parseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    // Go's net.ParseIP: 1-3 decimal digits, no leading zero unless the octet is 0, at most 255.
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p.startsWith('0'))) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** Whether `s` is an IP address Go's net.ParseIP accepts (IPv4, or an IPv6 form). */
export function isIP(s: string): boolean {
  if (parseIPv4(s) !== undefined) return true;
  return isIPv6(s);
}

/** net.ParseIP for IPv6 text: hex groups, one `::`, an optional trailing dotted quad. */
export function isIPv6(s: string): boolean {
  if (!s.includes(':')) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string): string[] | undefined => (h === '' ? [] : h.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if (left === undefined || right === undefined) return false;
  const all = [...left, ...right];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (i === all.length - 1 && g.includes('.')) {
      if (parseIPv4(g) === undefined) return false;
      count += 2;
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return false;
    count++;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

export interface Subnet {
  /** The network address (masked). */
  base: number;
  bits: number;
}

/** A `a.b.c.d/n` CIDR (IPv4 only), masked like net.ParseCIDR's IPNet; undefined when invalid. */
export function parseCidr(s: string): Subnet | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIPv4(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (ip === undefined || !/^\d{1,2}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  return { base: ip - (ip % size), bits };
}

export function formatCidr(n: Subnet): string {
  return `${formatIPv4(n.base)}/${n.bits}`;
}

export function subnetSize(n: Subnet): number {
  return 2 ** (32 - n.bits);
}

export function contains(n: Subnet, ip: number): boolean {
  return ip >= n.base && ip < n.base + subnetSize(n);
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  return contains(a, b.base) || contains(b, a.base);
}

/**
 * The bridge driver's MAC for an IPv4 address (libnetwork netutils.GenerateMACFromIP): 02:42
 * followed by the address's four bytes. Both recorded daemons do this (02:42:0a:09:00:02 for
 * 10.9.0.2, test/recorded network cases).
 */
export function macFromIPv4(ip: number): string {
  const bytes = [2, 0x42, ...[24, 16, 8, 0].map((shift) => Math.floor(ip / 2 ** shift) % 256)];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
