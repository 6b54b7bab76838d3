export * from './dataset.js';
export * from './rows.js';
export * from './routes.js';
export * from './catalog.js';
export * from './config.js';
