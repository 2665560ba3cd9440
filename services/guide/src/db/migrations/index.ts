import { Articles1764000000000 } from './1764000000000-articles';
import { Actors1764000001000 } from './1764000001000-actors';
import { Watch1764000002000 } from './1764000002000-watch';
import { Moderation1764400000000 } from './1764400000000-moderation';
import { ModerationOrder1764400000001 } from './1764400000001-moderation-order';
import { ArticlesUpdated1764700000000 } from './1764700000000-articles-updated';
import { WatchSelected1764800000000 } from './1764800000000-watch-selected';
import { WatchSelectedMs1764900000000 } from './1764900000000-watch-selected-ms';
import { ProposedRevisions1765000000000 } from './1765000000000-proposed-revisions';
import { ArticlesReviewNote1765100000000 } from './1765100000000-articles-review-note';
import { JobOutbox1765250000001 } from './1765250000001-job-outbox';

/** Every migration of the guide schema, in order. */
export const migrations = [
  Articles1764000000000,
  Actors1764000001000,
  Watch1764000002000,
  Moderation1764400000000,
  ModerationOrder1764400000001,
  ArticlesUpdated1764700000000,
  WatchSelected1764800000000,
  WatchSelectedMs1764900000000,
  ProposedRevisions1765000000000,
  ArticlesReviewNote1765100000000,
  JobOutbox1765250000001,
];
