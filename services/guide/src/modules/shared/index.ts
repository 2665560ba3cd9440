// The shared module's public face: helpers the other modules of the service use.
export { communeFilter, detectCommunes, validCommuneCode, validCommuneCodes } from './communes';
export type { MemberRef } from './references';
export { decodeEntities, escapeHtml, slugify } from './text';
