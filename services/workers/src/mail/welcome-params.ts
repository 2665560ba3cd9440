import { formatParisTime } from '@metropotes/french-time';
import { profileLink } from '@metropotes/mail';
import { findCommune, findTerritory } from '@metropotes/territories';
import DataLoader from 'dataloader';
import { READ_BATCH_WINDOW_MS, type GatewayOperation, type MemberForMail, type SystemGateway } from '../gateway/system-gateway';
import type { WorkersRuntime } from '../runtime';
import { graphql } from '../generated/gateway';
import type { AgendaFilter, EventKind, WorkerMailContactFieldsFragment, WorkerWelcomeMemberFieldsFragment } from '../generated/gateway/graphql';

/**
 * What the welcome and the buddy e-mails say that is not in their job: the member's commune and buddy (members, as
 * the system) and the next pot du pote nearest the commune (events' public agenda). Read when the e-mail is written.
 */

const WELCOME_MEMBER_FIELDS = graphql(`
  fragment WorkerWelcomeMemberFields on Member {
    id
    commune {
      code
      name
    }
    buddy {
      id
      displayName
      profileVisibility
    }
  }
`);

/** A member's address and name, as `systemMembersForMail` gives them (`SystemGateway.membersForMail`). */
const MAIL_CONTACT_FIELDS = graphql(`
  fragment WorkerMailContactFields on SystemMemberForMail {
    memberId
    email
    displayName
    eventReminders
    welcomeFollowUp
  }
`);

/** Upcoming events (of some kinds), soonest first; a few, since the agenda also lists cancelled ones. */
const NEXT_EVENTS = graphql(`
  query WorkerNextEvents($filter: AgendaFilter!) {
    agenda(filter: $filter, first: 10) {
      edges {
        node {
          id
          title
          status
          startsAt
          onlineUrl
          venue {
            name
            address
            commune {
              code
            }
          }
        }
      }
    }
  }
`);

export interface WelcomeMember {
  id: string;
  commune: { code: string; name: string } | null;
  buddy: { id: string; displayName: string; profileVisibility: string } | null;
}

export interface PotNode {
  id: string;
  title: string;
  status: string;
  startsAt: string;
  onlineUrl: string | null;
  venue: { name: string; address: string | null; commune: { name: string; inMetropole: boolean } } | null;
}

export type PotScope = 'COMMUNE' | 'TERRITORY' | 'METROPOLE';

/** « jeudi 3 décembre à 18 h 30 » (Paris time; the year only when it is not the year of `now`). */
export function spokenStart(startsAt: string | Date, now: Date): string {
  return formatParisTime(startsAt, { now });
}

/** A member as the welcome and the buddy e-mails read them: their address and name, their commune and buddy. */
export interface WelcomeRead {
  /** Null: unknown, erased or without an address (`systemMembersForMail` leaves them out). */
  contact: MemberForMail | null;
  /** Null: unknown or erased. */
  member: WelcomeMember | null;
}

/**
 * The members of concurrent jobs in one request: their addresses (`systemMembersForMail`, as `memberForMail` reads
 * them) and `member(id:)` once per id, aliased (`m0`, `m1`…), with the fields of WorkerWelcomeMemberFields (both
 * checked against the schema by codegen). The gateway asks members once for both.
 */
async function readMembers(gateway: SystemGateway, ids: readonly string[]): Promise<WelcomeRead[]> {
  const query = `query WorkerWelcomeMembers($ids: [ID!]!, ${ids.map((_, i) => `$m${i}: ID!`).join(', ')}) {
  systemMembersForMail(memberIds: $ids) { ...WorkerMailContactFields }
  ${ids.map((_, i) => `m${i}: member(id: $m${i}) { ...WorkerWelcomeMemberFields }`).join('\n  ')}
}
${MAIL_CONTACT_FIELDS.toString()}
${WELCOME_MEMBER_FIELDS.toString()}`;
  type Answer = { systemMembersForMail: WorkerMailContactFieldsFragment[] } & Record<string, WorkerWelcomeMemberFieldsFragment | null>;
  const operation = { toString: () => query } as GatewayOperation<Answer, Record<string, string | string[]>>;
  const data = await gateway.call(operation, { ids: [...new Set(ids)], ...Object.fromEntries(ids.map((id, i) => [`m${i}`, id])) });
  const contacts = new Map(data.systemMembersForMail.map((c) => [c.memberId, c]));
  return ids.map((id, i) => {
    const contact = contacts.get(id);
    return {
      contact: contact
        ? {
            id,
            email: contact.email,
            displayName: contact.displayName,
            eventReminders: contact.eventReminders,
            welcomeFollowUp: contact.welcomeFollowUp,
          }
        : null,
      member: (data[`m${i}`] as WelcomeMember | null | undefined) ?? null,
    };
  });
}

/** The gateway refuses an operation with more than 15 aliases (gateway/src/security/armor.ts, `maxAliases`). */
const MEMBERS_PER_REQUEST = 15;

/** One loader per gateway client (per process): concurrent welcome and buddy e-mails share one members request. */
const memberLoaders = new WeakMap<SystemGateway, DataLoader<string, WelcomeRead>>();

/** The member, batched with the reads of concurrent jobs (no cache: each read is answered by a request sent after it). */
function readMember(rt: WorkersRuntime, memberId: string): Promise<WelcomeRead> {
  let loader = memberLoaders.get(rt.gateway);
  if (!loader) {
    const gateway = rt.gateway;
    loader = new DataLoader((ids) => readMembers(gateway, ids), {
      cache: false,
      maxBatchSize: MEMBERS_PER_REQUEST,
      batchScheduleFn: (send) => setTimeout(send, READ_BATCH_WINDOW_MS),
    });
    memberLoaders.set(gateway, loader);
  }
  return loader.load(memberId);
}

/** A pot starting sooner than this (or already started: the agenda lists events not finished) is no invitation. */
const NOTICE_MS = 3_600_000;

/**
 * The published events of the agenda matching `filter` (and `kinds`, when given), starting an hour from now or later,
 * soonest first; in the Métropole only when `metropoleOnly`.
 */
async function publishedEvents(
  rt: WorkersRuntime,
  filter: AgendaFilter,
  kinds: readonly EventKind[] | null,
  metropoleOnly: boolean,
  now: Date,
): Promise<PotNode[]> {
  const earliest = now.getTime() + NOTICE_MS;
  // The public agenda: the same page asked by concurrent jobs (welcomes in one commune) is read once.
  const data = await rt.gateway.callShared(NEXT_EVENTS, { filter: { ...(kinds ? { kinds: [...kinds] } : {}), ...filter } });
  return data.agenda.edges
    .map(({ node: { venue, ...event } }): PotNode => {
      // The commune's name and whether it is in the Métropole: the reference data members holds too (both seeded from
      // @metropotes/territories), read here rather than asked of members for every agenda page.
      const commune = venue ? findCommune(venue.commune.code) : undefined;
      return { ...event, venue: venue && { ...venue, commune: { name: commune?.name ?? '', inMetropole: commune?.inMetropole ?? false } } };
    })
    .filter(
      (event) =>
        event.status === 'PUBLISHED' &&
        new Date(event.startsAt).getTime() >= earliest &&
        (!metropoleOnly || event.venue?.commune.inMetropole !== false),
    );
}

/**
 * The next `count` published events nearest the commune (of `kinds`; null: every kind), starting an hour from now or
 * later (`now`: the workers' clock by default): in the commune first, then in its territory (one of the 12 of the Métropole), then anywhere in the Métropole;
 * soonest first in each, each event once. Empty: none announced.
 */
export async function nearestEvents(
  rt: WorkersRuntime,
  communeCode: string | null,
  count: number,
  kinds: readonly EventKind[] | null,
  now: Date = rt.clock.now(),
): Promise<{ event: PotNode; scope: PotScope }[]> {
  const territoryCode = communeCode ? findCommune(communeCode)?.territoryCode : undefined;
  const found: { event: PotNode; scope: PotScope }[] = [];
  const steps: [PotScope, AgendaFilter | null, boolean][] = [
    ['COMMUNE', communeCode ? { communeCode } : null, false],
    ['TERRITORY', territoryCode ? { territoryCode } : null, false],
    ['METROPOLE', {}, true],
  ];
  for (const [scope, filter, metropoleOnly] of steps) {
    if (found.length >= count) break;
    if (!filter) continue;
    for (const event of await publishedEvents(rt, filter, kinds, metropoleOnly, now)) {
      if (found.length >= count) break;
      if (!found.some((f) => f.event.id === event.id)) found.push({ event, scope });
    }
  }
  return found;
}

/**
 * The next published pot du pote nearest the commune, starting an hour from now or later: in the commune first, then
 * in its territory (one of the 12 of the Métropole), then anywhere in the Métropole; soonest first in each. Null: none
 * announced.
 */
export async function nearestPot(rt: WorkersRuntime, communeCode: string | null): Promise<{ pot: PotNode; scope: PotScope } | null> {
  const [first] = await nearestEvents(rt, communeCode, 1, ['POT_DU_POTE']);
  return first ? { pot: first.event, scope: first.scope } : null;
}

/** Where an event is: « Le Café des Potes, 2 quai de la Marine, L'Île-Saint-Denis », « en ligne », or nothing. */
export function eventPlace(event: PotNode): string {
  return event.venue
    ? [event.venue.name, event.venue.address, event.venue.commune.name].filter(Boolean).join(', ')
    : event.onlineUrl
      ? 'en ligne'
      : '';
}

/** The buddy's params, their profile linked only where the newcomer may read it (not a staff-only profile). */
export function buddyParams(buddy: WelcomeMember['buddy']): Record<string, string> {
  if (!buddy) return {};
  return { buddyId: buddy.id, buddyName: buddy.displayName, ...(buddy.profileVisibility === 'STAFF' ? { buddyHidden: '1' } : {}) };
}

/** The welcome's params; null when the member is unknown or erased. */
export async function welcomeParams(rt: WorkersRuntime, memberId: string): Promise<Record<string, string> | null> {
  const { member } = await readMember(rt, memberId);
  return member ? paramsOfWelcome(rt, member) : null;
}

/**
 * What the welcome e-mail needs of its member: their address and name (null: unknown, erased or without an address)
 * and, when there is one, the welcome's params (null: the member is unknown or erased). One members request for the
 * welcomes of concurrent jobs, then the agenda pages.
 */
export async function welcomeMail(
  rt: WorkersRuntime,
  memberId: string,
): Promise<{ contact: MemberForMail | null; params: Record<string, string> | null }> {
  const { contact, member } = await readMember(rt, memberId);
  if (!contact?.email) return { contact: null, params: null };
  return { contact, params: member ? await paramsOfWelcome(rt, member) : null };
}

async function paramsOfWelcome(rt: WorkersRuntime, member: WelcomeMember): Promise<Record<string, string>> {
  const communeCode = member.commune?.code ?? null;
  const territoryCode = communeCode ? findCommune(communeCode)?.territoryCode : undefined;
  const found = await nearestPot(rt, communeCode);
  const params: Record<string, string> = { ...buddyParams(member.buddy) };
  if (member.commune) params.communeName = member.commune.name;
  const territoryName = territoryCode ? findTerritory(territoryCode)?.name : undefined;
  if (territoryName) params.territoryName = territoryName;
  if (found) {
    const { pot, scope } = found;
    const place = eventPlace(pot);
    Object.assign(params, {
      potId: pot.id,
      potTitle: pot.title,
      potWhen: spokenStart(pot.startsAt, rt.clock.now()),
      potScope: scope,
      ...(place ? { potPlace: place } : {}),
    });
  }
  return params;
}

/**
 * The buddy e-mail's params, or why none is written: the buddy changed since (a newer job tells of the new one), or the
 * welcome is not written yet (it will name the buddy), or the welcome already named them.
 */
export async function buddyAssignedParams(
  rt: WorkersRuntime,
  memberId: string,
  buddyId: string | undefined,
): Promise<{ params: Record<string, string> } | { skip: string }> {
  const { member } = await readMember(rt, memberId);
  if (!member) return { skip: 'member not found or erased' };
  if (!member.buddy || member.buddy.id !== buddyId) return { skip: 'buddy changed since' };
  const welcome = await rt.emails.findByDedupeKey(`welcome:${memberId}`);
  if (!welcome) return { skip: 'the welcome e-mail, not written yet, will name the buddy' };
  if (welcome.text?.includes(member.buddy.displayName) && welcome.text.includes(profileLink(rt.config.publicUrl, member.buddy.id))) {
    return { skip: 'the welcome e-mail named the buddy' };
  }
  return { params: buddyParams(member.buddy) };
}
