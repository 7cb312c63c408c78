// Pull, push and login against registries.
export { RegistryService, pullReference, type PullRequest, type PushRequest, type RegistryServiceOptions } from './service.js';
