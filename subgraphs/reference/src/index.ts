export * from './content.js';
export * from './csv.js';
export * from './directory.js';
export * from './files.js';
export * from './official.js';
