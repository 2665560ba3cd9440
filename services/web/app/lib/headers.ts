import type { HeadersFunction } from 'react-router';

/**
 * The headers a page keeps from its loader, action or error: Retry-After (RATE_LIMITED: when to try again). React
 * Router drops the headers of `data()` unless the route says which to keep; each route with a form exports this.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders, errorHeaders }) => {
  const retryAfter = errorHeaders?.get('retry-after') ?? actionHeaders.get('retry-after') ?? loaderHeaders.get('retry-after');
  const headers = new Headers();
  if (retryAfter) headers.set('retry-after', retryAfter);
  return headers;
};
