// Thin bindings to Linux calls Node lacks, from the native addon in
// native/. No policy: callers decide what to call.
export * from './native.js';
export * from './constants.js';
export * from './seqpacket.js';
