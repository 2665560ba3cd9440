import type { Connection } from '@metropotes/graphql-kit';
import type { RegistrationEntity } from './registration.entity';

export interface RegistrationModel {
  id: string;
  eventId: string;
  memberId: string;
  status: RegistrationEntity['status'];
  waitlistPosition: number | null;
  attendance: RegistrationEntity['attendance'];
  walkIn: boolean;
  remindersEnabled: boolean;
  createdAt: Date;
}

/** A page of registrations (RegistrationConnection), its totalCount counted when asked. */
export type RegistrationConnectionModel = Connection<RegistrationModel>;

export const toRegistrationModel = (r: RegistrationEntity): RegistrationModel => ({
  id: r.id,
  eventId: r.eventId,
  memberId: r.memberId,
  status: r.status,
  waitlistPosition: r.waitlistPosition,
  attendance: r.attendance,
  walkIn: r.walkIn,
  remindersEnabled: r.remindersEnabled ?? true,
  createdAt: r.createdAt,
});
