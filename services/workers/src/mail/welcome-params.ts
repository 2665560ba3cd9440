import { formatParisTime } from '@metropotes/french-time';
import { profileLink } from '@metropotes/mail';
import { findCommune, findTerritory } from '@metropotes/territories';
import type { WorkersRuntime } from '../runtime';

/**
 * What the welcome and the buddy e-mails say that is not in their job: the member's commune and buddy (members, as
 * the system) and the next pot du pote nearest the commune (events' public agenda). Read when the e-mail is written.
 */

const WELCOME_MEMBER = `query WorkerWelcomeMember($id: ID!) {
  member(id: $id) { id commune { code name } buddy { id displayName profileVisibility } }
}`;

/** Upcoming pots du pote, soonest first; a few, since the agenda also lists cancelled ones. */
const NEXT_POTS = `query WorkerNextPots($filter: AgendaFilter!) {
  agenda(filter: $filter, first: 10) {
    edges { node { id title status startsAt onlineUrl venue { name address commune { name inMetropole } } } }
  }
}`;

interface WelcomeMember {
  id: string;
  commune: { code: string; name: string } | null;
  buddy: { id: string; displayName: string; profileVisibility: string } | null;
}

interface PotNode {
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
  return `${formatParisTime(startsAt, { style: 'date', now })} à ${formatParisTime(startsAt, { style: 'time' })}`;
}

async function readMember(rt: WorkersRuntime, memberId: string): Promise<WelcomeMember | null> {
  return (await rt.gateway.call<{ member: WelcomeMember | null }>(WELCOME_MEMBER, { id: memberId })).member;
}

/** A pot starting sooner than this (or already started: the agenda lists events not finished) is no invitation. */
const NOTICE_MS = 3_600_000;

async function firstPublishedPot(rt: WorkersRuntime, filter: Record<string, unknown>, metropoleOnly: boolean): Promise<PotNode | null> {
  const earliest = rt.clock.now().getTime() + NOTICE_MS;
  const data = await rt.gateway.call<{ agenda: { edges: { node: PotNode }[] } }>(NEXT_POTS, { filter: { kinds: ['POT_DU_POTE'], ...filter } });
  return (
    data.agenda.edges
      .map((edge) => edge.node)
      .find(
        (pot) =>
          pot.status === 'PUBLISHED' && new Date(pot.startsAt).getTime() >= earliest && (!metropoleOnly || pot.venue?.commune.inMetropole !== false),
      ) ?? null
  );
}

/**
 * The next published pot du pote nearest the commune, starting an hour from now or later: in the commune first, then
 * in its territory (one of the 12 of the Métropole), then anywhere in the Métropole; soonest first in each. Null: none
 * announced.
 */
export async function nearestPot(rt: WorkersRuntime, communeCode: string | null): Promise<{ pot: PotNode; scope: PotScope } | null> {
  const territoryCode = communeCode ? findCommune(communeCode)?.territoryCode : undefined;
  if (communeCode) {
    const pot = await firstPublishedPot(rt, { communeCode }, false);
    if (pot) return { pot, scope: 'COMMUNE' };
  }
  if (territoryCode) {
    const pot = await firstPublishedPot(rt, { territoryCode }, false);
    if (pot) return { pot, scope: 'TERRITORY' };
  }
  const pot = await firstPublishedPot(rt, {}, true);
  return pot ? { pot, scope: 'METROPOLE' } : null;
}

/** The buddy's params, their profile linked only where the newcomer may read it (not a staff-only profile). */
function buddyParams(buddy: WelcomeMember['buddy']): Record<string, string> {
  if (!buddy) return {};
  return { buddyId: buddy.id, buddyName: buddy.displayName, ...(buddy.profileVisibility === 'STAFF' ? { buddyHidden: '1' } : {}) };
}

/** The welcome's params; null when the member is unknown or erased. */
export async function welcomeParams(rt: WorkersRuntime, memberId: string): Promise<Record<string, string> | null> {
  const member = await readMember(rt, memberId);
  if (!member) return null;
  const communeCode = member.commune?.code ?? null;
  const territoryCode = communeCode ? findCommune(communeCode)?.territoryCode : undefined;
  const found = await nearestPot(rt, communeCode);
  const params: Record<string, string> = { ...buddyParams(member.buddy) };
  if (member.commune) params.communeName = member.commune.name;
  const territoryName = territoryCode ? findTerritory(territoryCode)?.name : undefined;
  if (territoryName) params.territoryName = territoryName;
  if (found) {
    const { pot, scope } = found;
    const place = pot.venue ? [pot.venue.name, pot.venue.address, pot.venue.commune.name].filter(Boolean).join(', ') : pot.onlineUrl ? 'en ligne' : '';
    Object.assign(params, { potId: pot.id, potTitle: pot.title, potWhen: spokenStart(pot.startsAt, rt.clock.now()), potScope: scope, ...(place ? { potPlace: place } : {}) });
  }
  return params;
}

/**
 * The buddy e-mail's params, or why none is written: the buddy changed since (a newer job tells of the new one), or the
 * welcome is not written yet (it will name the buddy), or the welcome already named them.
 */
export async function buddyAssignedParams(rt: WorkersRuntime, memberId: string, buddyId: string | undefined): Promise<{ params: Record<string, string> } | { skip: string }> {
  const member = await readMember(rt, memberId);
  if (!member) return { skip: 'member not found or erased' };
  if (!member.buddy || member.buddy.id !== buddyId) return { skip: 'buddy changed since' };
  const welcome = await rt.emails.findByDedupeKey(`welcome:${memberId}`);
  if (!welcome) return { skip: 'the welcome e-mail, not written yet, will name the buddy' };
  if (welcome.text?.includes(member.buddy.displayName) && welcome.text.includes(profileLink(rt.config.publicUrl, member.buddy.id))) {
    return { skip: 'the welcome e-mail named the buddy' };
  }
  return { params: buddyParams(member.buddy) };
}
