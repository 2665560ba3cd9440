import type { EventEntity } from './event.entity';

export interface EventModel {
  id: string;
  title: string;
  kind: EventEntity['kind'];
  status: EventEntity['status'];
  startsAt: Date;
  endsAt: Date;
  organizerId: string | null;
}

export const toEventModel = (e: EventEntity): EventModel => ({
  id: e.id,
  title: e.title,
  kind: e.kind,
  status: e.status,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  organizerId: e.organizerId,
});
