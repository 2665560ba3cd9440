import { EventMessages1765280000001 } from './1765280000001-event-messages';
import { Events1764000000000 } from './1764000000000-events';
import { Moderation1764400000000 } from './1764400000000-moderation';
import { ModerationOrder1764400000001 } from './1764400000001-moderation-order';
import { AgendaIndex1764500000000 } from './1764500000000-agenda-index';
import { JobOutbox1764600000000 } from './1764600000000-job-outbox';
import { ShortReminder1764700000000 } from './1764700000000-short-reminder';
import { EventRevisions1765000000000 } from './1765000000000-event-revisions';
import { RegistrationPromotions1764800000000 } from './1764800000000-registration-promotions';
import { CalendarFeedHashes1765050000000 } from './1765050000000-calendar-feed-hashes';
import { Attendance1765100000000 } from './1765100000000-attendance';
import { Skills1765150000000 } from './1765150000000-skills';
import { ParticipationCertificates1765220000000 } from './1765220000000-participation-certificates';
import { CalendarSequence1765240000001 } from './1765240000001-calendar-sequence';
import { ReminderOffsets1765240000002 } from './1765240000002-reminder-offsets';
import { ChangeNotices1765240000004 } from './1765240000004-change-notices';
import { EventGroup1765260000002 } from './1765260000002-event-group';

/** Every migration of the events schema, in order. */
export const migrations = [
  Events1764000000000,
  Moderation1764400000000,
  ModerationOrder1764400000001,
  AgendaIndex1764500000000,
  JobOutbox1764600000000,
  ShortReminder1764700000000,
  RegistrationPromotions1764800000000,
  EventRevisions1765000000000,
  CalendarFeedHashes1765050000000,
  Attendance1765100000000,
  Skills1765150000000,
  ParticipationCertificates1765220000000,
  CalendarSequence1765240000001,
  ReminderOffsets1765240000002,
  ChangeNotices1765240000004,
  EventGroup1765260000002,
  EventMessages1765280000001,
];
