import { badInput } from '@metropotes/graphql-kit';
import { isCommuneCode } from '@metropotes/territories';

export interface VenueInput {
  name: string;
  address?: string | null;
  communeCode: string;
  latitude?: number | null;
  longitude?: number | null;
}

/** The fields every event (and series) must satisfy once an input is merged with what is stored. */
export interface EventFields {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  venue: VenueInput | null;
  onlineUrl: string | null;
  capacity: number | null;
}

const MAX_TITLE = 200;
const MAX_DESCRIPTION = 20_000;

export function cleanTitle(title: string, field = 'title'): string {
  const trimmed = title.trim();
  if (!trimmed) throw badInput('Le titre ne peut pas être vide.', field);
  if (trimmed.length > MAX_TITLE) throw badInput(`Le titre ne peut pas dépasser ${MAX_TITLE} caractères.`, field);
  return trimmed;
}

export function cleanDescription(description: string | null | undefined): string {
  const text = (description ?? '').trim();
  if (text.length > MAX_DESCRIPTION) throw badInput(`La description ne peut pas dépasser ${MAX_DESCRIPTION} caractères.`, 'description');
  return text;
}

export function cleanOnlineUrl(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw badInput("Le lien en ligne n'est pas une adresse web valide.", 'onlineUrl');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badInput('Le lien en ligne doit commencer par http:// ou https://.', 'onlineUrl');
  }
  return url.toString();
}

export function cleanVenue(venue: VenueInput | null | undefined): VenueInput | null {
  if (!venue) return null;
  const name = venue.name.trim();
  if (!name) throw badInput('Le nom du lieu ne peut pas être vide.', 'venue.name');
  const code = venue.communeCode.trim();
  if (!isCommuneCode(code)) throw badInput("Cette commune n'existe pas : vérifiez son code INSEE.", 'venue.communeCode');
  const { latitude, longitude } = venue;
  if (latitude !== null && latitude !== undefined && (latitude < -90 || latitude > 90)) {
    throw badInput('La latitude doit être comprise entre -90 et 90.', 'venue.latitude');
  }
  if (longitude !== null && longitude !== undefined && (longitude < -180 || longitude > 180)) {
    throw badInput('La longitude doit être comprise entre -180 et 180.', 'venue.longitude');
  }
  if (((latitude ?? null) === null) !== ((longitude ?? null) === null)) {
    throw badInput('Indiquez la latitude et la longitude ensemble, ou aucune des deux.', 'venue.latitude');
  }
  return { name, address: venue.address?.trim() || null, communeCode: code, latitude: latitude ?? null, longitude: longitude ?? null };
}

export function cleanCapacity(capacity: number | null | undefined, field = 'capacity'): number | null {
  if (capacity === null || capacity === undefined) return null;
  if (!Number.isInteger(capacity) || capacity < 1) throw badInput("La capacité doit être d'au moins une place (ou vide pour illimitée).", field);
  if (capacity > 100_000) throw badInput('La capacité ne peut pas dépasser 100 000 places.', field);
  return capacity;
}

/**
 * The longest an event may last. Bounding it lets the agenda ("not finished at `from`") use the start-time
 * index: an event that ends after `from` started after `from - MAX_EVENT_DAYS`.
 */
export const MAX_EVENT_DAYS = 31;

/**
 * Rules between fields: a place to be, an end after the start, a future start (after `now`, the clock's) when it is
 * set or moved, at most MAX_EVENT_DAYS, room for the people already confirmed.
 */
export function checkEventFields(fields: EventFields, options: { startChanged: boolean; confirmedCount: number; now: Date }): void {
  const { now } = options;
  if (!fields.venue && !fields.onlineUrl) {
    throw badInput('Indiquez un lieu ou un lien pour participer en ligne.', 'venue');
  }
  if (fields.endsAt.getTime() <= fields.startsAt.getTime()) {
    throw badInput('La date de fin doit suivre la date de début.', 'endsAt');
  }
  if (options.startChanged && fields.startsAt.getTime() <= now.getTime()) {
    throw badInput('La date de début est déjà passée.', 'startsAt');
  }
  if (fields.endsAt.getTime() - fields.startsAt.getTime() > MAX_EVENT_DAYS * 86_400_000) {
    throw badInput(`Un événement dure au plus ${MAX_EVENT_DAYS} jours : pour une action plus longue, créez une série de rendez-vous.`, 'endsAt');
  }
  if (fields.capacity !== null && fields.capacity < options.confirmedCount) {
    throw badInput(`La capacité ne peut pas être inférieure au nombre de personnes déjà inscrites (${options.confirmedCount}).`, 'capacity');
  }
}
