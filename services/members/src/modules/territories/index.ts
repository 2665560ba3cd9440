// The territories module's public face: what the other modules of the service may use.
export { escapeLike } from './territory.repository';
