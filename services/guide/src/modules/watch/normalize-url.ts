/**
 * One page, one item: the URL with a lower-case scheme and host, no default port, no fragment,
 * no utm_* tracking parameters and no trailing slash. Returns null for anything but http(s).
 */
export function normalizeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  for (const key of [...url.searchParams.keys()]) if (key.toLowerCase().startsWith('utm_')) url.searchParams.delete(key);
  // URL already lower-cases the scheme and host and drops default ports.
  const query = url.searchParams.toString();
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ''}`;
}
