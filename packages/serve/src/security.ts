import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ApiError } from './errors.ts';

export const TOKEN_COOKIE = 'catalog_token';
export const TOKEN_HEADER = 'x-catalog-token';

/** A fresh per-run token: 192 random bits, URL-safe. */
export const newToken = (): string => randomBytes(24).toString('base64url');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface SecurityOptions {
  token: string;
  /**
   * The Host header values the server answers to (`127.0.0.1:4873`, `localhost:4873`); any other is
   * refused, so a page on another site cannot reach the server through a rebound DNS name. Unset:
   * any host (tests through the app, without a port).
   */
  allowedHosts?: readonly string[];
}

/**
 * Who may change state: a request that is not a plain read must carry the per-run token (the cookie
 * the opening URL sets, or the header) and, when it comes from a browser, come from this server's own
 * origin. Reads need neither: the catalog is public data and no response holds a key.
 */
export function security(options: SecurityOptions): MiddlewareHandler {
  const allowed = options.allowedHosts ? new Set(options.allowedHosts.map((h) => h.toLowerCase())) : undefined;
  return async (c, next) => {
    const url = new URL(c.req.url);
    const host = (c.req.header('host') ?? url.host).toLowerCase();
    if (allowed && !allowed.has(host)) throw new ApiError(403, 'wrong-host', `this server does not answer to host "${host}"`);

    const queryToken = url.searchParams.get('token');
    if (c.req.method === 'GET' && queryToken !== null) {
      if (!sameToken(queryToken, options.token)) throw new ApiError(401, 'bad-token', 'the token in the URL is not this run\'s token');
      setCookie(c, TOKEN_COOKIE, options.token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    if (SAFE_METHODS.has(c.req.method)) return next();

    const given = c.req.header(TOKEN_HEADER) || getCookie(c, TOKEN_COOKIE);
    if (!sameToken(given, options.token)) {
      throw new ApiError(401, 'token-required', 'changing the catalog needs this run\'s token: open the URL `catalog serve` printed');
    }
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const ownOrigin = `${url.protocol}//${host}`;
    if ((origin !== undefined && origin.toLowerCase() !== ownOrigin) || (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')) {
      throw new ApiError(403, 'cross-origin', `a change must come from this server's own pages (${ownOrigin})`);
    }
    return next();
  };
}
