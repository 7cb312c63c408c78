// Networks as the API serves them.
export { NetworkService } from './service.js';
