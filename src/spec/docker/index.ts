export * from './images.js';
export * from './system.js';
