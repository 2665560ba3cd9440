import type { TestSystem } from '@metropotes/test-kit';

export const EVENT_FIELDS = `id title description descriptionHtml kind status startsAt endsAt startsAtLocal endsAtLocal
  venue { name address commune { code } latitude longitude } onlineUrl capacity attendeeCount spotsLeft waitlistCount
  status organizer { id } themes reminderOffsetsHours calendarSequence cancellationReason rejectionReason`;

export const CREATE_EVENT = `mutation Create($input: CreateEventInput!) { createEvent(input: $input) { ${EVENT_FIELDS} } }`;
export const UPDATE_EVENT = `mutation Update($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { ${EVENT_FIELDS} } }`;
export const EVENT = `query Event($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`;

export interface EventResult {
  id: string;
  title: string;
  description: string;
  descriptionHtml: string;
  kind: string;
  status: string;
  startsAt: string;
  endsAt: string;
  startsAtLocal: string;
  endsAtLocal: string;
  venue: { name: string; address: string | null; commune: { code: string }; latitude: number | null; longitude: number | null } | null;
  onlineUrl: string | null;
  capacity: number | null;
  attendeeCount: number;
  spotsLeft: number | null;
  waitlistCount: number;
  organizer: { id: string } | null;
  themes: string[];
  reminderOffsetsHours: number[];
  calendarSequence: number;
  cancellationReason: string | null;
  rejectionReason: string | null;
}

export const DAY = 24 * 3600 * 1000;

/** A valid event input starting `days` after `now` (the run's clock: `system.clock.now()`), lasting two hours. */
export function eventInput(now: Date, over: Record<string, unknown> = {}, days = 7): Record<string, unknown> {
  const start = new Date(now.getTime() + days * DAY);
  start.setUTCSeconds(0, 0);
  return {
    title: 'Atelier budget participatif',
    description: 'On décrypte le **budget participatif** de la commune.',
    kind: 'ATELIER',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3600 * 1000).toISOString(),
    venue: { name: 'Maison des associations', address: '1 rue Méchain', communeCode: '93039' },
    themes: ['BUDGET_PARTICIPATIF'],
    ...over,
  };
}

/** Creates an event as this member (staff: published directly), `days` after the run's now, and returns it. */
export async function createEvent(system: TestSystem, token: string, over: Record<string, unknown> = {}, days = 7): Promise<EventResult> {
  const res = await system.gql<{ createEvent: EventResult }>(CREATE_EVENT, { input: eventInput(system.clock.now(), over, days) }, token);
  if (!res.data?.createEvent) throw new Error(`createEvent failed: ${JSON.stringify(res.errors)}`);
  return res.data.createEvent;
}

export const firstError = (res: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => res.errors?.[0];
