import { Emails1764100000000 } from './1764100000000-emails';
import { ProspectEmails1764250000000 } from './1764250000000-prospect-emails';
import { FeedState1764500000000 } from './1764500000000-feed-state';
import { DigestRuns1764900000000 } from './1764900000000-digest-runs';
import { DigestCoversUntil1764950000000 } from './1764950000000-digest-covers-until';
import { EmailSecretLinks1765050000000 } from './1765050000000-email-secret-links';
import { DeadJobs1765100000000 } from './1765100000000-dead-jobs';
import { EmailAttachments1765240000003 } from './1765240000003-email-attachments';

/** Every migration of the workers schema, in order. */
export const migrations = [
  Emails1764100000000,
  ProspectEmails1764250000000,
  FeedState1764500000000,
  DigestRuns1764900000000,
  DigestCoversUntil1764950000000,
  EmailSecretLinks1765050000000,
  DeadJobs1765100000000,
  EmailAttachments1765240000003,
];
