// The seed's orchestration, on the services' TypeScript sources (used by the jest test; scripts/seed.mjs
// does the same on the built services). Each service seeds only its own schema; the events and guide
// seeds reference members by the ids the members seed returns; moderation references members and events; a last
// members step adds what points at the others (prospects spotted in the veille or at events, the warning it applied).
import 'reflect-metadata';
import { systemClock, type Clock } from '@metropotes/config';
import { ensureDatabase } from '@metropotes/database';
import { seedEvents } from '../../services/events/src/seed/events.seed';
import { seedGuide } from '../../services/guide/src/seed/guide.seed';
import { SEED_WARNED_MEMBER_ID, seedMemberFollowUps, seedMembers, type SeedScale } from '../../services/members/src/seed/members.seed';
import { seedModeration } from '../../services/moderation/src/seed/moderation.seed';

/** `clock`: the demo data is dated from it (the test passes its run's clock). */
export async function runSeed(
  url: string,
  scale: SeedScale = 'demo',
  log: (line: string) => void = () => undefined,
  clock: Clock = systemClock,
): Promise<void> {
  await ensureDatabase(url);
  const members = await seedMembers(url, { scale, log, clock });
  const events = await seedEvents(url, members, { scale, log, clock });
  const guide = await seedGuide(url, members, { scale, log, clock });
  const moderation = await seedModeration(url, { ...members, warnedMemberId: SEED_WARNED_MEMBER_ID, eventIds: events.eventIds }, { log, clock });
  await seedMemberFollowUps(
    url,
    { watchItemIds: guide.watchItemIds, eventIds: events.eventIds, moderationDecisions: moderation.memberDecisions },
    { scale, log, clock },
  );
}
