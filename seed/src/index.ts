export * from './csv.js';
export * from './reference-data.js';
export * from './upsert.js';
