export * from './images.js';
export * from './system.js';
export * from './host.js';
