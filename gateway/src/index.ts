export * from './gateway.js';
export * from './embedded.js';
export * from './public-edge.js';
export * from './subgraph-urls.js';
export * from './public-routes.js';
export * from './edge/handler.js';
export * from './edge/limits.js';
export * from './edge/rate-limit.js';
