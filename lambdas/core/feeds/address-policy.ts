import ipaddr from "ipaddr.js";

/**
 * Whether onrecord may connect to an address it resolved: only public unicast addresses. Private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), loopback, link-local (169.254/16 holds the cloud
 * metadata service, 169.254.169.254; fe80::/10), carrier-grade NAT, multicast, reserved and
 * unspecified ranges are refused, IPv4-mapped IPv6 judged as the IPv4 address it maps. A feed or
 * a redirect can name any host, so this is what keeps fetching from reaching inside the network.
 * @example
 * isPublicAddress("93.184.215.14") // true
 * isPublicAddress("169.254.169.254") // false: the metadata service
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  // The AWS metadata service's IPv6 address sits in unique-local space, refused with it.
  return parsed.range() === "unicast";
}

/** Whether a URL's host is written as an IP address (checked directly: there is nothing to resolve). */
export function hostAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return ipaddr.isValid(bare) ? bare : null;
}
