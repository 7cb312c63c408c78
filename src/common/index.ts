export * from './errors.js';
export * from './digest.js';
export * from './ids.js';
export * from './log.js';
