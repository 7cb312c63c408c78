// The part of the engine the API serves. Routes depend on this shape only,
// so routing tests can stand in a small fake for the engine.
import type { Engine } from '../engine/index.js';

export type ServedEngine = Pick<Engine, 'images' | 'registries' | 'builds' | 'containers' | 'volumes' | 'networks' | 'events' | 'info' | 'version' | 'dataUsage'>;
