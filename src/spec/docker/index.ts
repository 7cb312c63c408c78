// Type-only modules are re-exported as types, so that importers do not load
// their (empty) JavaScript.
export type * from './images.js';
export type * from './system.js';
export type * from './auth.js';
export * from './host.js';
export * from './http-status.js';
export type * from './containers.js';
export type * from './volumes.js';
export type * from './networks.js';
export type * from './exec.js';
export type * from './events.js';
export * from './human-duration.js';
export * from './build.js';
