/**
 * The domain's input rules, each declared once: services, routes, token checks and the
 * seed all ask these, so what counts as an AGS or a slug cannot drift between places.
 * rules-single-source.test.ts fails when a pattern is spelled out anywhere else.
 */
export * from './area-keys.js';
export * from './slug.js';
export * from './url.js';
export * from './geo.js';
export * from './text.js';
export * from './parse.js';
