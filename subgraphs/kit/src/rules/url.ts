import { z } from 'zod';

/** What a client is told about a link that is not a web address. */
export const HTTP_URL_MESSAGE = 'must be an http or https URL';

/**
 * True for an http(s) URL with a dotted host name. Links are shown to the public and
 * opened by browsers, so javascript:, data:, ftp: and intranet names are refused.
 */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** A web link argument: trimmed (pasted links carry spaces), or one problem worded `HTTP_URL_MESSAGE`. */
export const httpUrlSchema = z
  .string({ error: HTTP_URL_MESSAGE })
  .trim()
  .refine(isHttpUrl, { error: HTTP_URL_MESSAGE });
