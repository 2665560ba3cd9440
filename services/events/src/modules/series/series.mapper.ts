import type { VenueModel } from '../events';
import type { EventSeriesEntity } from './series.entity';

export interface SeriesModel {
  id: string;
  title: string;
  description: string;
  kind: EventSeriesEntity['kind'];
  rrule: string;
  startTime: string;
  durationMinutes: number;
  venue: VenueModel | null;
  onlineUrl: string | null;
  capacity: number | null;
  themes: string[];
  reminderOffsetsHours: number[];
  organizerId: string | null;
}

export const toSeriesModel = (s: EventSeriesEntity): SeriesModel => ({
  id: s.id,
  title: s.title,
  description: s.description,
  kind: s.kind,
  rrule: s.rrule,
  startTime: s.startTime,
  durationMinutes: s.durationMinutes,
  venue:
    s.venueName !== null && s.communeCode !== null
      ? { name: s.venueName, address: s.venueAddress, communeCode: s.communeCode, latitude: s.latitude, longitude: s.longitude }
      : null,
  onlineUrl: s.onlineUrl,
  capacity: s.capacity,
  themes: s.themes,
  reminderOffsetsHours: s.reminderOffsetsHours,
  organizerId: s.organizerId,
});
