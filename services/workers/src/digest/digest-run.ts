import type { DigestSection } from '@metropotes/mail';
import { renderEmail, TemplateParamError } from '@metropotes/mail';
import { communesOfTerritory, findCommune } from '@metropotes/territories';
import { randomUUID } from 'node:crypto';
import { queueNewDeliveries } from '../mail/delivery-queue';
import type { NewEmail } from '../mail/email.repository';
import { parisTime, senderDomain } from '../mail/member-emails';
import type { WorkersRuntime } from '../runtime';
import { lookbackMs, type DigestPeriod } from './period';
import { UnsubscribeTokens } from './unsubscribe-token';

interface DigestMember {
  memberId: string;
  email: string;
  displayName: string;
  followedCommuneCodes: string[];
  followedTerritoryCodes: string[];
  followedThemes: string[];
}
interface WatchItem { id: string; title: string; url: string; summary: string; publishedAt: string; communes: { code: string }[]; themes: string[] }
interface AgendaEvent { id: string; title: string; startsAt: string; themes: string[]; venue: { name: string; commune: { code: string } } | null }
interface Fiche { id: string; slug: string; title: string; summary: string; themes: string[]; updatedAt: string; publishedAt: string | null }
interface Newcomer { memberId: string; displayName: string; communeCode: string | null; joinedAt: string }

interface Page<T> { edges: { node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }

const MEMBERS = `query WorkerDigestMembers($frequency: DigestFrequency!, $first: Int, $after: ID) {
  systemDigestMembers(frequency: $frequency, first: $first, after: $after) {
    memberId email displayName followedCommuneCodes followedTerritoryCodes followedThemes
  }
}`;
const WATCH = `query WorkerDigestWatch($since: DateTime!, $after: String) {
  watchItems(filter: { status: SELECTED, since: $since }, first: 100, after: $after) {
    edges { node { id title url summary publishedAt communes { code } themes } } pageInfo { hasNextPage endCursor }
  }
}`;
const AGENDA = `query WorkerDigestAgenda($from: DateTime!, $to: DateTime!, $after: String) {
  agenda(filter: { from: $from, to: $to }, first: 100, after: $after) {
    edges { node { id title startsAt themes venue { name commune { code } } } } pageInfo { hasNextPage endCursor }
  }
}`;
const FICHES = `query WorkerDigestFiches($since: DateTime!, $after: String) {
  guideArticles(filter: { status: PUBLISHED, updatedSince: $since }, first: 100, after: $after) {
    edges { node { id slug title summary themes updatedAt publishedAt } } pageInfo { hasNextPage endCursor }
  }
}`;

const NEWCOMERS = `query WorkerDigestNewcomers($since: DateTime!, $after: ID) {
  systemNewcomers(since: $since, first: 500, after: $after) { memberId displayName communeCode joinedAt }
}`;

/** Past this many pages a list is cut short, with a warning: a digest is a summary, not an export. */
const MAX_PAGES = 50;

/** Reads every page of a connection (at most MAX_PAGES of 100). */
async function allPages<T>(rt: WorkersRuntime, query: string, field: string, variables: Record<string, unknown>): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let i = 0; ; i += 1) {
    const data: Record<string, Page<T>> = await rt.gateway.call<Record<string, Page<T>>>(query, { ...variables, after });
    const page = data[field]!;
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    if (i + 1 >= MAX_PAGES) {
      rt.logger.warn({ field, read: nodes.length }, 'digest: list cut short, the rest reaches no digest this period');
      break;
    }
    after = page.pageInfo.endCursor;
  }
  return nodes;
}

/** The members who joined since `since` and whose profile members may see, 500 a request. */
async function newcomersSince(rt: WorkersRuntime, since: Date): Promise<Newcomer[]> {
  const all: Newcomer[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { systemNewcomers: Newcomer[] } = await rt.gateway.call<{ systemNewcomers: Newcomer[] }>(NEWCOMERS, { since: since.toISOString(), after });
    all.push(...data.systemNewcomers);
    if (data.systemNewcomers.length < 500) return all;
    after = data.systemNewcomers[data.systemNewcomers.length - 1]!.memberId;
  }
}

/** What the digest may tell about, read once per run (not per member): four lists (a few pages each). */
export interface DigestCatalogue {
  watchItems: WatchItem[];
  events: AgendaEvent[];
  fiches: Fiche[];
  newcomers: Newcomer[];
}

export async function readCatalogue(rt: WorkersRuntime, period: DigestPeriod, now: Date): Promise<DigestCatalogue> {
  const since = new Date(now.getTime() - lookbackMs(period.frequency));
  const horizon = new Date(now.getTime() + lookbackMs(period.frequency));
  const [watchItems, events, fiches, newcomers] = await Promise.all([
    allPages<WatchItem>(rt, WATCH, 'watchItems', { since: since.toISOString() }),
    allPages<AgendaEvent>(rt, AGENDA, 'agenda', { from: now.toISOString(), to: horizon.toISOString() }),
    allPages<Fiche>(rt, FICHES, 'guideArticles', { since: since.toISOString() }),
    newcomersSince(rt, since),
  ]);
  return { watchItems, events, fiches, newcomers };
}

const JOINED = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', timeZone: 'Europe/Paris' });

/** One member's sections: what is new since `since` for their communes, territories and themes. Empty sections left out. */
export function sectionsFor(rt: Pick<WorkersRuntime, 'config'>, member: DigestMember, catalogue: DigestCatalogue, since: Date): DigestSection[] {
  const base = rt.config.publicUrl.replace(/\/+$/, '');
  const communes = new Set([...member.followedCommuneCodes, ...member.followedTerritoryCodes.flatMap((t) => communesOfTerritory(t))]);
  const themes = new Set(member.followedThemes);
  const touches = (codes: string[], itemThemes: string[]) => codes.some((c) => communes.has(c)) || itemThemes.some((t) => themes.has(t));
  const watch = catalogue.watchItems
    .filter((i) => new Date(i.publishedAt).getTime() >= since.getTime() && touches(i.communes.map((c) => c.code), i.themes))
    .slice(0, 15)
    .map((i) => ({ label: i.title, url: i.url, ...(i.summary ? { detail: i.summary.slice(0, 200) } : {}) }));
  const events = catalogue.events
    .filter((e) => e.venue && communes.has(e.venue.commune.code))
    .slice(0, 10)
    .map((e) => ({ label: e.title, url: `${base}/evenements/${e.id}`, detail: `${parisTime(e.startsAt)}${e.venue ? ` – ${e.venue.name}` : ''}` }));
  const fiches = catalogue.fiches
    .filter((f) => new Date(f.updatedAt).getTime() >= since.getTime() && f.themes.some((t) => themes.has(t)))
    .slice(0, 10)
    .map((f) => ({
      label: f.title,
      url: `${base}/guide/${f.slug}`,
      detail: f.publishedAt && new Date(f.publishedAt).getTime() >= since.getTime() ? 'Nouvelle fiche' : 'Fiche mise à jour',
    }));
  // Neighbours who just joined, to welcome: only profiles members may see (the members service chose them).
  const newcomers = catalogue.newcomers
    .filter((n) => n.memberId !== member.memberId && n.communeCode && communes.has(n.communeCode) && new Date(n.joinedAt).getTime() >= since.getTime())
    .slice(0, 10)
    .map((n) => ({
      label: n.displayName,
      url: `${base}/membres/${n.memberId}`,
      detail: `a rejoint le réseau le ${JOINED.format(new Date(n.joinedAt))}${n.communeCode && findCommune(n.communeCode) ? ` (${findCommune(n.communeCode)!.name})` : ''}`,
    }));
  return [
    { title: 'Initiatives repérées par la veille', items: watch },
    { title: 'Événements à venir près de chez vous', items: events },
    { title: 'Nouveau dans le guide', items: fiches },
    { title: 'Nouveaux Métropotes près de chez vous', items: newcomers },
  ].filter((s) => s.items.length > 0);
}

export const digestKey = (memberId: string, period: DigestPeriod) => `digest:${memberId}:${period.key}`;

/**
 * Writes the digests of a period: members read 500 a request, content read once, one row per member and period
 * (dedupe key `digest:<member>:<period>`: never twice), empty digests stored as suppressed; each batch of 500 is
 * one INSERT and one addBulk of its deliveries. Safe to run again.
 */
export async function runDigest(rt: WorkersRuntime, period: DigestPeriod, now: Date): Promise<{ members: number; created: number; empty: number }> {
  const tokens = new UnsubscribeTokens(rt.config.systemPrivateKey);
  const catalogue = await readCatalogue(rt, period, now);
  const base = rt.config.publicUrl.replace(/\/+$/, '');
  const domain = senderDomain(rt.config.mail.from);
  let after: string | null = null;
  let members = 0;
  let created = 0;
  let empty = 0;
  for (;;) {
    const data: { systemDigestMembers: DigestMember[] | null } = await rt.gateway.call<{ systemDigestMembers: DigestMember[] | null }>(MEMBERS, {
      frequency: period.frequency,
      first: 500,
      after,
    });
    const batch = data.systemDigestMembers ?? [];
    if (!batch.length) break;
    members += batch.length;
    const ids = batch.map((m) => m.memberId);
    const done: { dedupe_key: string }[] = await rt.dataSource.query(`SELECT dedupe_key FROM workers.emails WHERE dedupe_key = ANY($1::text[])`, [
      batch.map((m) => digestKey(m.memberId, period)),
    ]);
    const doneKeys = new Set(done.map((r) => r.dedupe_key));
    const last: { member_id: string; at: Date }[] = await rt.dataSource.query(
      `SELECT member_id, max(created_at) AS at FROM workers.emails
       WHERE template = 'digest' AND state = 'sent' AND member_id = ANY($1::uuid[]) GROUP BY member_id`,
      [ids],
    );
    const lastAt = new Map(last.map((r) => [r.member_id, new Date(r.at)]));
    const floor = now.getTime() - lookbackMs(period.frequency);
    const emails: NewEmail[] = [];
    for (const member of batch) {
      const dedupeKey = digestKey(member.memberId, period);
      if (doneKeys.has(dedupeKey)) continue;
      const since = new Date(Math.max(floor, lastAt.get(member.memberId)?.getTime() ?? floor));
      const sections = sectionsFor(rt, member, catalogue, since);
      const id = randomUUID();
      const common = { id, dedupeKey, template: 'digest', memberId: member.memberId };
      const unsubscribeUrl = `${base}/unsubscribe/${tokens.tokenFor(member.memberId)}`;
      let email: NewEmail;
      if (!sections.length) {
        email = { ...common, state: 'suppressed', toAddress: null, subject: null, html: null, text: null, headers: {}, lastError: 'empty digest' };
        empty += 1;
      } else {
        try {
          const rendered = renderEmail('digest', {
            displayName: member.displayName,
            publicUrl: rt.config.publicUrl,
            params: { periodLabel: period.label, sections: JSON.stringify(sections), unsubscribeUrl, preferencesUrl: `${base}/preferences` },
          });
          email = {
            ...common,
            state: 'pending',
            toAddress: member.email,
            ...rendered,
            headers: {
              'Message-ID': `<${id}@${domain}>`,
              'Auto-Submitted': 'auto-generated',
              'X-Metropotes-Email-Id': id,
              'X-Metropotes-Template': 'digest',
              'List-Id': `La veille des Metropotes <veille.${domain}>`,
              'List-Unsubscribe': `<${unsubscribeUrl}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              Precedence: 'bulk',
            },
            lastError: null,
          };
        } catch (error) {
          if (!(error instanceof TemplateParamError)) throw error;
          email = { ...common, state: 'dead', toAddress: null, subject: null, html: null, text: null, headers: {}, lastError: error.message };
        }
      }
      emails.push(email);
    }
    // The batch's rows in one statement, then their deliveries in one round trip (addBulk). A crash in between
    // leaves pending rows without a job: the reconcile loop queues them (Postgres holds the truth).
    const inserted = await rt.emails.insertManyOnce(emails);
    const pending = inserted.filter((r) => r.state === 'pending').map((r) => r.id);
    created += pending.length;
    await queueNewDeliveries(rt.jobs, rt.delivery, pending);
    if (batch.length < 500) break;
    after = batch[batch.length - 1]!.memberId;
  }
  return { members, created, empty };
}

/**
 * For staff (CLI `npm run jobs -- preview-digest <memberId>`): the digest the member would get for `period` now,
 * rendered, without writing or sending anything. Null when the member does not receive digests at that frequency
 * or their digest would be empty.
 */
export async function previewDigest(
  rt: WorkersRuntime,
  memberId: string,
  period: DigestPeriod,
  now: Date,
): Promise<{ subject: string; text: string; html: string } | null> {
  let after: string | null = null;
  let member: DigestMember | undefined;
  while (!member) {
    const data: { systemDigestMembers: DigestMember[] } = await rt.gateway.call<{ systemDigestMembers: DigestMember[] }>(MEMBERS, {
      frequency: period.frequency,
      first: 500,
      after,
    });
    member = data.systemDigestMembers.find((m) => m.memberId === memberId);
    if (member || data.systemDigestMembers.length < 500) break;
    after = data.systemDigestMembers[data.systemDigestMembers.length - 1]!.memberId;
  }
  if (!member) return null;
  const sections = sectionsFor(rt, member, await readCatalogue(rt, period, now), new Date(now.getTime() - lookbackMs(period.frequency)));
  if (!sections.length) return null;
  const base = rt.config.publicUrl.replace(/\/+$/, '');
  return renderEmail('digest', {
    displayName: member.displayName,
    publicUrl: rt.config.publicUrl,
    params: {
      periodLabel: period.label,
      sections: JSON.stringify(sections),
      unsubscribeUrl: `${base}/unsubscribe/${new UnsubscribeTokens(rt.config.systemPrivateKey).tokenFor(member.memberId)}`,
      preferencesUrl: `${base}/preferences`,
    },
  });
}
