/** Keys of catalogue entries: lower-case letters, digits and single hyphens. */
export const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
