export * from './media-types.js';
export * from './image.js';
