export * from './gateway.js';
export * from './embedded.js';
export * from './subgraph-urls.js';
export * from './public-routes.js';
