import { Accounts1764000000000 } from './1764000000000-accounts';
import { Territories1764100000000 } from './1764100000000-territories';
import { Profiles1764100000001 } from './1764100000001-profiles';
import { GroupsAndAccountTokens1764100000002 } from './1764100000002-groups-and-account-tokens';
import { Moderation1764400000000 } from './1764400000000-moderation';
import { ModerationOrder1764400000001 } from './1764400000001-moderation-order';
import { Prospects1764250000000 } from './1764250000000-prospects';
import { SessionVersion1764500000000 } from './1764500000000-session-version';
import { JobOutbox1764700000000 } from './1764700000000-job-outbox';
import { FollowedScales1764810000000 } from './1764810000000-followed-scales';
import { ShowAttendedEvents1765100000000 } from './1765100000000-show-attended-events';
import { NewcomerFollowUp1765210000000 } from './1765210000000-newcomer-follow-up';
import { StaffDigest1765250000003 } from './1765250000003-staff-digest';
import { GroupVisibility1765260000001 } from './1765260000001-group-visibility';
import { GroupMessages1765280000001 } from './1765280000001-group-messages';

/** Every migration of the members schema, in order. */
export const migrations = [
  Accounts1764000000000,
  Territories1764100000000,
  Profiles1764100000001,
  GroupsAndAccountTokens1764100000002,
  Prospects1764250000000,
  Moderation1764400000000,
  ModerationOrder1764400000001,
  SessionVersion1764500000000,
  JobOutbox1764700000000,
  FollowedScales1764810000000,
  ShowAttendedEvents1765100000000,
  NewcomerFollowUp1765210000000,
  StaffDigest1765250000003,
  GroupVisibility1765260000001,
  GroupMessages1765280000001,
];
