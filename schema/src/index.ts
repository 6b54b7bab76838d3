export * from './compose.js';
export * from './subgraphs.js';
export * from './trusted-documents.js';
