import type { InputValidator } from '@welcome-hub/kit';
import type { LinkRecord } from '../module/module.entity.js';

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Checks up to 20 links, naming each bad URL. */
export function checkLinks(v: InputValidator, links: { title: string; url: string }[], field: string): LinkRecord[] {
  v.check(links.length <= 20, field, 'must have at most 20 entries');
  return links.map((l, i) => {
    v.check(isHttpUrl(l.url.trim()), `${field}[${i}].url`, 'must be an http or https URL');
    return { title: v.text(l.title, `${field}[${i}].title`, { max: 200 }), url: l.url.trim() };
  });
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
