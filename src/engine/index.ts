// The use cases the API calls, over the images (and, later, containers,
// networks and volumes) of one data root.
export { Engine, type EngineOptions, type EngineVersion } from './engine.js';
