import { memberIdOf, type Viewer } from '@metropotes/auth';
import { withOutbox } from '@metropotes/jobs';
import {
  cleanCapacity,
  cleanDescription,
  cleanOnlineUrl,
  cleanTitle,
  cleanVenue,
  DEFAULT_EVENT_REMINDER_OFFSETS,
  type EventKind,
  type EventRepository,
  type EventService,
  type EventsOutbox,
  type VenueInput,
} from '../events';
import type { Clock } from '@metropotes/config';
import { badInput, isUuid, notFound, requireStaff, rowLoader } from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { EventSeriesEntity, SeriesWrite } from './series.entity';
import { checkDuration, expandSeries, parisToday, parseRule, parseStartTime, type Occurrence } from './series-expansion';
import { toSeriesModel, type SeriesModel } from './series.mapper';
import type { SeriesRepository } from './series.repository';

export interface CreateSeriesInput {
  title: string;
  description?: string | null;
  kind: EventKind;
  rrule: string;
  startTime: string;
  durationMinutes: number;
  venue?: VenueInput | null;
  onlineUrl?: string | null;
  capacity?: number | null;
  themes?: string[] | null;
  /** Copied to the occurrences: hours before the start of their reminders (default [24]). */
  reminderOffsetsHours?: number[] | null;
}

/** An edit: fields left out are unchanged; any may be null, as GraphQL allows (update says what null does). */
export type UpdateSeriesInput = { [K in keyof CreateSeriesInput]?: CreateSeriesInput[K] | null };

const REMOVED_DATE = 'Cette date a été retirée de la série.';

/** Recurring series (staff only): their occurrences are real events for the coming months. */
export class SeriesService {
  private readonly byId: DataLoader<string, EventSeriesEntity | null>;

  constructor(
    private readonly repository: SeriesRepository,
    private readonly eventRepository: EventRepository,
    private readonly events: EventService,
    /** The service's outbox (EventService's): the changes that may write jobs run in `withOutbox`. */
    private readonly outbox: EventsOutbox,
    private readonly viewer: Viewer,
    /** "Now" for the horizon: occurrences are expanded from today to six months ahead. */
    private readonly clock: Clock,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (s) => s.id,
    );
  }

  async get(id: string | null): Promise<SeriesModel | null> {
    if (!id || !isUuid(id)) return null;
    const series = await this.byId.load(id);
    return series ? toSeriesModel(series) : null;
  }

  /** Checks and normalises a complete series definition. */
  private clean(input: CreateSeriesInput, organizerId: string | null, startsOn: string): SeriesWrite {
    const venue = cleanVenue(input.venue);
    const onlineUrl = cleanOnlineUrl(input.onlineUrl);
    if (!venue && !onlineUrl) throw badInput('Indiquez un lieu ou un lien pour participer en ligne.', 'venue');
    parseRule(input.rrule);
    const time = parseStartTime(input.startTime);
    return {
      title: cleanTitle(input.title),
      description: cleanDescription(input.description),
      kind: input.kind,
      rrule: input.rrule.trim().replace(/^RRULE:/i, ''),
      startsOn,
      startTime: `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`,
      durationMinutes: checkDuration(input.durationMinutes),
      venueName: venue?.name ?? null,
      venueAddress: venue?.address ?? null,
      communeCode: venue?.communeCode ?? null,
      latitude: venue?.latitude ?? null,
      longitude: venue?.longitude ?? null,
      onlineUrl,
      capacity: cleanCapacity(input.capacity),
      themes: [...new Set(input.themes ?? [])],
      // Checked against the allowed set where it is given (create, update): a stored choice stays as it is.
      reminderOffsetsHours: [...(input.reminderOffsetsHours ?? DEFAULT_EVENT_REMINDER_OFFSETS)],
      organizerId,
    };
  }

  /** The event columns an occurrence takes from its series. */
  private occurrenceValues(series: SeriesWrite, occurrence: Occurrence) {
    return {
      title: series.title,
      description: series.description,
      kind: series.kind,
      startsAt: occurrence.startsAt,
      endsAt: occurrence.endsAt,
      venueName: series.venueName,
      venueAddress: series.venueAddress,
      communeCode: series.communeCode,
      latitude: series.latitude,
      longitude: series.longitude,
      onlineUrl: series.onlineUrl,
      capacity: series.capacity,
      themes: series.themes,
      reminderOffsetsHours: series.reminderOffsetsHours,
    };
  }

  async create(input: CreateSeriesInput): Promise<SeriesModel> {
    requireStaff(this.viewer);
    const now = this.clock.now();
    const values = this.clean(
      { ...input, reminderOffsetsHours: this.events.reminderOffsets(input.reminderOffsetsHours) },
      memberIdOf(this.viewer),
      parisToday(now),
    );
    const occurrences = expandSeries(values.rrule, values.startTime, values.durationMinutes, values.startsOn, now);
    if (!occurrences.length) throw badInput('Cette règle ne donne aucune date dans les six prochains mois.', 'rrule');
    const series = await withOutbox(this.outbox, async (manager) => {
      const created = await this.repository.insert(manager, values);
      for (const occurrence of occurrences) {
        await this.eventRepository.insert(manager, {
          ...this.occurrenceValues(values, occurrence),
          status: 'PUBLISHED',
          organizerId: values.organizerId,
          seriesId: created.id,
          seriesDate: occurrence.date,
        });
      }
      return created;
    });
    return toSeriesModel(series);
  }

  /** Edits the series and its future occurrences that were not edited by hand nor cancelled. */
  async update(id: string, input: UpdateSeriesInput): Promise<SeriesModel> {
    requireStaff(this.viewer);
    const offsets = this.events.reminderOffsets(input.reminderOffsetsHours);
    const series = await withOutbox(this.outbox, async (manager) => {
      const current = isUuid(id) ? await this.repository.lock(manager, id) : null;
      if (!current) throw notFound('Cette série est introuvable.');
      const merged: CreateSeriesInput = {
        title: input.title ?? current.title,
        description: input.description === undefined ? current.description : input.description,
        kind: input.kind ?? current.kind,
        rrule: input.rrule ?? current.rrule,
        startTime: input.startTime ?? current.startTime,
        durationMinutes: input.durationMinutes ?? current.durationMinutes,
        venue:
          input.venue !== undefined
            ? input.venue
            : current.venueName !== null && current.communeCode !== null
              ? {
                  name: current.venueName,
                  address: current.venueAddress,
                  communeCode: current.communeCode,
                  latitude: current.latitude,
                  longitude: current.longitude,
                }
              : null,
        onlineUrl: input.onlineUrl === undefined ? current.onlineUrl : input.onlineUrl,
        capacity: input.capacity === undefined ? current.capacity : input.capacity,
        themes: input.themes ?? current.themes,
        reminderOffsetsHours: offsets ?? current.reminderOffsetsHours,
      };
      const values = this.clean(merged, current.organizerId, current.startsOn);
      // One instant for the whole edit: the occurrences expanded from it are the followers starting after it.
      const now = this.clock.now();
      const occurrences = expandSeries(values.rrule, values.startTime, values.durationMinutes, values.startsOn, now);
      const updated = await this.repository.update(manager, current.id, values);
      await this.applyToOccurrences(manager, current.id, values, occurrences, now);
      return updated;
    });
    this.byId.clear(series.id).prime(series.id, series);
    return toSeriesModel(series);
  }

  /**
   * Rolls every series' horizon forward: creates the occurrences that entered the coming six months
   * (the platform calls it daily; staff may too). Returns how many were created. Idempotent.
   */
  async extendAll(): Promise<number> {
    requireStaff(this.viewer);
    let created = 0;
    const now = this.clock.now();
    for (const id of await this.repository.allIds()) {
      created += await withOutbox(this.outbox, async (manager) => {
        const series = await this.repository.lock(manager, id);
        if (!series) return 0;
        const taken = await this.repository.takenDates(manager, id);
        const missing = expandSeries(series.rrule, series.startTime, series.durationMinutes, series.startsOn, now).filter((o) => !taken.has(o.date));
        for (const occurrence of missing) {
          await this.eventRepository.insert(manager, {
            ...this.occurrenceValues(series, occurrence),
            status: 'PUBLISHED',
            organizerId: series.organizerId,
            seriesId: id,
            seriesDate: occurrence.date,
          });
        }
        return missing.length;
      });
    }
    return created;
  }

  private async applyToOccurrences(manager: EntityManager, seriesId: string, values: SeriesWrite, occurrences: Occurrence[], now: Date) {
    const byDate = new Map(occurrences.map((o) => [o.date, o]));
    const taken = await this.repository.takenDates(manager, seriesId);
    const cancelled: string[] = [];
    for (const follower of await this.repository.lockFollowers(manager, seriesId, now)) {
      const occurrence = follower.seriesDate ? byDate.get(follower.seriesDate) : undefined;
      if (occurrence) {
        const next = this.occurrenceValues(values, occurrence);
        // Never below the people already confirmed.
        if (next.capacity !== null) next.capacity = Math.max(next.capacity, follower.confirmedCount);
        const changed = await this.eventRepository.update(manager, follower.id, next);
        // A new time or place reaches its attendees as for an edit of the event itself (one notice, after the delay).
        await this.events.noticeIfChanged(manager, follower, changed);
        // More room: the waitlist moves up, and the promoted members are e-mailed.
        await this.events.fillFreeSpots(manager, changed);
      } else if (follower.confirmedCount + follower.waitlistCount > 0) {
        await this.eventRepository.update(manager, follower.id, { status: 'CANCELLED', cancellationReason: REMOVED_DATE });
        cancelled.push(follower.id);
      } else {
        await this.repository.deleteEvent(manager, follower.id);
      }
    }
    // Their attendees are e-mailed, as for any cancelled event (the jobs of every removed date written at once).
    await this.events.notifyCancelled(manager, cancelled);
    for (const occurrence of occurrences) {
      if (taken.has(occurrence.date)) continue;
      await this.eventRepository.insert(manager, {
        ...this.occurrenceValues(values, occurrence),
        status: 'PUBLISHED',
        organizerId: values.organizerId,
        seriesId,
        seriesDate: occurrence.date,
      });
    }
  }
}
