import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Which network addresses the feed poller may connect to: public unicast addresses only. A feed URL is typed by
 * staff; without this check it could make the workers read the machine itself (127.0.0.1, ::1), the cloud's metadata
 * service (169.254.169.254), or any host of the private network, and tell what they answered.
 *
 * No library of the kind (request-filtering-agent, ssrf-req-filter) is installed and adding one needs a dependency
 * change: node:net's BlockList holds the ranges, and the IPv6 forms that embed an IPv4 address (IPv4-mapped
 * `::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`) are judged by that IPv4 address.
 */

/** IPv4 ranges that are not public unicast (IANA special-purpose registry). Loopback is apart (`allowLoopback`). */
const IPV4_REFUSED: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['169.254.0.0', 16], // link-local (cloud metadata services)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

/**
 * Special-purpose ranges inside global unicast 2000::/3 (everything outside it — unspecified, loopback, link-local
 * fe80::/10, site-local, unique-local fc00::/7, multicast ff00::/8, discard, local NAT64… — is refused anyway).
 */
const IPV6_REFUSED_IN_GLOBAL: readonly [string, number][] = [
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID…)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds any IPv4 address, private ones included
  ['3fff::', 20], // documentation
];

const IPV4_LOOPBACK: readonly [string, number][] = [['127.0.0.0', 8]];

function blockList(ranges: readonly [string, number][], type: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of ranges) list.addSubnet(network, prefix, type);
  return list;
}

/** Built once, never changed: the rules, not state. */
const RULES = {
  ipv4: blockList(IPV4_REFUSED, 'ipv4'),
  ipv4Loopback: blockList(IPV4_LOOPBACK, 'ipv4'),
  ipv6: blockList(IPV6_REFUSED_IN_GLOBAL, 'ipv6'),
};

export interface AddressPolicy {
  /** Tests only (FEED_ALLOW_LOOPBACK, refused in production): this machine's loopback addresses are allowed too. */
  allowLoopback: boolean;
}

/** The eight 16-bit groups of a valid IPv6 address (with or without a dotted IPv4 tail). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const parse = (part: string | null | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const first = parse(head);
  const last = parse(tail);
  return tail === null ? first : [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
}

const ipv4Of = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

function ipv4Allowed(address: string, policy: AddressPolicy): boolean {
  if (RULES.ipv4Loopback.check(address, 'ipv4')) return policy.allowLoopback;
  return !RULES.ipv4.check(address, 'ipv4');
}

/**
 * Whether the feed poller may connect to `address` (an IP address as DNS or a URL gives it, IPv4 or IPv6, with or
 * without a zone): public unicast only. Anything that is not an IP address is refused.
 */
export function isPublicAddress(address: string, policy: AddressPolicy): boolean {
  const plain = address.split('%')[0]!;
  const family = isIP(plain);
  if (family === 4) return ipv4Allowed(plain, policy);
  if (family !== 6) return false;
  const g = ipv6Groups(plain.toLowerCase());
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach that IPv4 address: judged as it.
  if (zeros(0, 5) && g[5] === 0xffff) return ipv4Allowed(ipv4Of(g[6]!, g[7]!), policy);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return ipv4Allowed(ipv4Of(g[6]!, g[7]!), policy);
  if (zeros(0, 7) && g[7] === 1) return policy.allowLoopback; // ::1
  if ((g[0]! & 0xe000) !== 0x2000) return false; // not global unicast 2000::/3
  return !RULES.ipv6.check(plain, 'ipv6');
}

/** Resolves a host name to its addresses (all of them). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** The system's resolver (getaddrinfo, as every other connection of the process). */
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true });
