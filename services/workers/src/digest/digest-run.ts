import { formatParisTime } from '@metropotes/french-time';
import type { DigestPreviewReply } from '@metropotes/jobs';
import type { GatewayOperation } from '../gateway/system-gateway';
import type { DigestSection } from '@metropotes/mail';
import { renderEmail, secretLink } from '@metropotes/mail';
import { communesOfTerritory, findCommune } from '@metropotes/territories';
import { queueNewDeliveries } from '../mail/delivery-queue';
import { closedEmailRow, emailRowBase, renderedEmailRow, senderDomain } from '../mail/email-row';
import type { NewEmail } from '../mail/email.repository';
import type { WorkersRuntime } from '../runtime';
import { firstLookbackMs, horizonMs, maxLookbackMs, monthlyPeriod, parisDate, periodsDueAt, type DigestPeriod } from './period';
import { graphql } from '../generated/gateway';
import type { WorkerDigestMemberFieldsFragment, WorkerDigestWatchQuery } from '../generated/gateway/graphql';

interface DigestMember {
  memberId: string;
  email: string;
  displayName: string;
  followedCommuneCodes: string[];
  followedTerritoryCodes: string[];
  followedThemes: string[];
  /** Empty: every scale. */
  followedScales: string[];
  digestFrequency: 'WEEKLY' | 'MONTHLY' | 'NONE';
  /** The groups they belong to, with who joined them within the longest look-back (members answers). */
  groups: { groupId: string; name: string; newMembers: { memberId: string; displayName: string; joinedAt: string }[] }[];
  /** Their registrations to the events of [now, now + horizon) (events answers, through the same gateway request). */
  upcomingRegistrations: WorkerDigestMemberFieldsFragment['upcomingRegistrations'];
}
/** A selected veille item (its selectedAt is set). */
type WatchItem = WorkerDigestWatchQuery['watchItems']['edges'][number]['node'] & { selectedAt: string };
interface AgendaEvent {
  id: string;
  title: string;
  status: string;
  startsAt: string;
  themes: string[];
  venue: { name: string; commune: { code: string } } | null;
  onlineUrl: string | null;
  group: { id: string } | null;
}
interface Fiche {
  id: string;
  slug: string;
  title: string;
  summary: string;
  themes: string[];
  scales: string[];
  communes: { code: string }[];
  updatedAt: string;
  publishedAt: string | null;
}
interface Newcomer {
  memberId: string;
  displayName: string;
  communeCode: string | null;
  joinedAt: string;
}

interface Page<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * A member as the digest reads them: their preferences and groups (members), and their agenda (events contributes
 * `upcomingRegistrations` to the same type: the gateway asks events once for the whole batch, in the same request).
 */
export const WORKER_DIGEST_MEMBER_FIELDS = graphql(`
  fragment WorkerDigestMemberFields on SystemDigestMember {
    memberId
    email
    displayName
    followedCommuneCodes
    followedTerritoryCodes
    followedThemes
    followedScales
    digestFrequency
    groups(joinedSince: $since) {
      groupId
      name
      newMembers {
        memberId
        displayName
        joinedAt
      }
    }
    upcomingRegistrations(from: $now, before: $horizon) {
      eventId
      title
      startsAt
      status
      venueName
      onlineUrl
    }
  }
`);
const MEMBERS = graphql(`
  query WorkerDigestMembers($frequency: DigestFrequency!, $first: Int, $after: ID, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {
    systemDigestMembers(frequency: $frequency, first: $first, after: $after) {
      ...WorkerDigestMemberFields
    }
  }
`);
const MEMBER = graphql(`
  query WorkerDigestMember($memberId: ID!, $since: DateTime!, $now: DateTime!, $horizon: DateTime!) {
    systemDigestMember(memberId: $memberId) {
      ...WorkerDigestMemberFields
    }
  }
`);

/** The variables of the members' queries: the windows of `period` at `now`. */
const memberWindows = (period: DigestPeriod, now: Date) => ({
  since: new Date(now.getTime() - maxLookbackMs(period.frequency)).toISOString(),
  now: now.toISOString(),
  horizon: new Date(now.getTime() + horizonMs(period.frequency)).toISOString(),
});
/** The veille items the staff selected since `since` (whenever the feed published them). */
const WATCH = graphql(`
  query WorkerDigestWatch($since: DateTime!, $after: String) {
    watchItems(filter: { selectedSince: $since }, first: 100, after: $after) {
      edges {
        node {
          id
          title
          url
          summary
          selectedAt
          communes {
            code
          }
          themes
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const AGENDA = graphql(`
  query WorkerDigestAgenda($from: DateTime!, $to: DateTime!, $after: String) {
    agenda(filter: { from: $from, to: $to }, first: 100, after: $after) {
      edges {
        node {
          id
          title
          status
          startsAt
          themes
          venue {
            name
            commune {
              code
            }
          }
          onlineUrl
          group {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const FICHES = graphql(`
  query WorkerDigestFiches($since: DateTime!, $after: String) {
    guideArticles(filter: { status: PUBLISHED, updatedSince: $since }, first: 100, after: $after) {
      edges {
        node {
          id
          slug
          title
          summary
          themes
          scales
          communes {
            code
          }
          updatedAt
          publishedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const NEWCOMERS = graphql(`
  query WorkerDigestNewcomers($since: DateTime!, $after: ID) {
    systemNewcomers(since: $since, first: 500, after: $after) {
      memberId
      displayName
      communeCode
      joinedAt
    }
  }
`);

/** Past this many pages a list is cut short, with a warning: a digest is a summary, not an export. */
const MAX_PAGES = 50;

/** Reads every page of a connection (at most MAX_PAGES of 100). */
async function allPages<T, V extends { after?: string | null }>(
  rt: WorkersRuntime,
  query: GatewayOperation<Record<string, Page<T>>, V>,
  field: string,
  variables: Omit<V, 'after'>,
): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let i = 0; ; i += 1) {
    const data: Record<string, Page<T>> = await rt.gateway.call(query, { ...variables, after } as V);
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
    const data: { systemNewcomers: Newcomer[] } = await rt.gateway.call(NEWCOMERS, { since: since.toISOString(), after });
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

/**
 * The content of a run, read through the gateway: items selected, fiches updated and members joined in
 * [now − the longest look-back, now) — nothing at or after the run's `now`, which the member's next digest tells —
 * and the events of [now, now + horizon). The batches of a run share it (cached by period and `now`); a preview
 * reads its own (`cache: false`).
 *
 * Public content only: the events, guide and veille subgraphs answer the system's content queries (agenda,
 * guideArticles, watchItems) what they answer the public — no event pending review, refused, in draft or hidden by
 * moderation, no fiche unpublished or hidden, no veille item unselected or hidden. What a digest tells, anyone may see.
 */
function readCatalogue(rt: WorkersRuntime, period: DigestPeriod, now: Date, options: { cache?: boolean } = {}): Promise<DigestCatalogue> {
  const read = () => {
    const since = new Date(now.getTime() - maxLookbackMs(period.frequency));
    const horizon = new Date(now.getTime() + horizonMs(period.frequency));
    const before = (iso: string) => new Date(iso).getTime() < now.getTime();
    return Promise.all([
      allPages(rt, WATCH, 'watchItems', { since: since.toISOString() }),
      allPages(rt, AGENDA, 'agenda', { from: now.toISOString(), to: horizon.toISOString() }),
      allPages(rt, FICHES, 'guideArticles', { since: since.toISOString() }),
      newcomersSince(rt, since),
    ]).then(([watchItems, events, fiches, newcomers]) => ({
      // `selectedSince` lists selected items only: their selectedAt is set (the schema's type allows null for the others).
      watchItems: watchItems.filter((i): i is WatchItem => before(i.selectedAt as string)),
      // The agenda answers the system what it answers the public: published and cancelled events; "to come" is the published ones.
      events: events.filter((e) => e.status === 'PUBLISHED'),
      fiches: fiches.filter((f) => before(f.updatedAt)),
      newcomers: newcomers.filter((n) => before(n.joinedAt)),
    }));
  };
  if (options.cache === false) return read();
  // The runtime's cache: the batches of one run (same period and `now`) read the catalogue once per process.
  return rt.digestCatalogues.get(`${period.key}|${now.toISOString()}`, read);
}

/**
 * One member's sections, with what is new since `since` for them: their own upcoming registrations (« Mon agenda »);
 * veille items the staff selected since then naming their communes (or their territories' communes) or themes;
 * events ahead in their communes or on their themes (an online event, with no place, reaches them by its themes),
 * besides those they registered for; who joined their groups since then and their groups' events ahead (« Mes
 * groupes »); fiches published or updated since then at the scales they follow (all when none) on their themes or
 * communes; neighbours who joined. Empty sections left out. Times as people say them (« jeudi 3 décembre à 18 h 30 »,
 * the year only when it is not the year of `now`).
 */
function sectionsFor(rt: Pick<WorkersRuntime, 'config'>, member: DigestMember, catalogue: DigestCatalogue, since: Date, now: Date): DigestSection[] {
  const when = (instant: string) => formatParisTime(instant, { now });
  const joined = (instant: string) => formatParisTime(instant, { style: 'date', now });
  const base = rt.config.publicUrl.replace(/\/+$/, '');
  const communes = new Set([...member.followedCommuneCodes, ...member.followedTerritoryCodes.flatMap((t) => communesOfTerritory(t))]);
  const themes = new Set(member.followedThemes);
  const scales = new Set(member.followedScales);
  const after = (iso: string) => new Date(iso).getTime() >= since.getTime();
  const touches = (codes: string[], itemThemes: string[]) => codes.some((c) => communes.has(c)) || itemThemes.some((t) => themes.has(t));
  const eventUrl = (id: string) => `${base}/evenements/${id}`;
  const agenda = member.upcomingRegistrations.slice(0, 10).map((r) => ({
    label: r.title,
    url: eventUrl(r.eventId),
    detail: `${when(r.startsAt)}${r.venueName ? ` – ${r.venueName}` : r.onlineUrl ? ' – en ligne' : ''}${r.status === 'WAITLISTED' ? " (en liste d'attente)" : ''}`,
  }));
  const registered = new Set(member.upcomingRegistrations.map((r) => r.eventId));
  const groupNames = new Map(member.groups.map((g) => [g.groupId, g.name]));
  const watch = catalogue.watchItems
    .filter(
      (i) =>
        after(i.selectedAt) &&
        touches(
          i.communes.map((c) => c.code),
          i.themes,
        ),
    )
    .slice(0, 15)
    .map((i) => ({ label: i.title, url: i.url, ...(i.summary ? { detail: i.summary.slice(0, 200) } : {}) }));
  const events = catalogue.events
    .filter((e) => !registered.has(e.id) && !(e.group && groupNames.has(e.group.id)) && touches(e.venue ? [e.venue.commune.code] : [], e.themes))
    .slice(0, 10)
    .map((e) => ({ label: e.title, url: eventUrl(e.id), detail: `${when(e.startsAt)}${e.venue ? ` – ${e.venue.name}` : ' – en ligne'}` }));
  const groupJoiners = member.groups.flatMap((g) =>
    g.newMembers
      .filter((n) => n.memberId !== member.memberId && after(n.joinedAt))
      .map((n) => ({ label: `${n.displayName} a rejoint ${g.name}`, url: `${base}/membres/${n.memberId}`, detail: `le ${joined(n.joinedAt)}` })),
  );
  const groupEvents = catalogue.events
    .filter((e) => e.group && groupNames.has(e.group.id) && !registered.has(e.id))
    .map((e) => ({
      label: e.title,
      url: eventUrl(e.id),
      detail: `${groupNames.get(e.group!.id)} – ${when(e.startsAt)}${e.venue ? ` – ${e.venue.name}` : ' – en ligne'}`,
    }));
  const fiches = catalogue.fiches
    .filter(
      (f) =>
        after(f.updatedAt) &&
        (scales.size === 0 || f.scales.some((x) => scales.has(x))) &&
        touches(
          f.communes.map((c) => c.code),
          f.themes,
        ),
    )
    .slice(0, 10)
    .map((f) => ({
      label: f.title,
      url: `${base}/guide/${f.slug}`,
      detail: f.publishedAt && after(f.publishedAt) ? 'Nouvelle fiche' : 'Fiche mise à jour',
    }));
  // Neighbours who just joined, to welcome: only profiles members may see (the members service chose them).
  const newcomers = catalogue.newcomers
    .filter((n) => n.memberId !== member.memberId && n.communeCode && communes.has(n.communeCode) && after(n.joinedAt))
    .slice(0, 10)
    .map((n) => ({
      label: n.displayName,
      url: `${base}/membres/${n.memberId}`,
      detail: `a rejoint le réseau le ${joined(n.joinedAt)}${n.communeCode && findCommune(n.communeCode) ? ` (${findCommune(n.communeCode)!.name})` : ''}`,
    }));
  return [
    { title: 'Mon agenda', items: agenda },
    { title: 'Mes groupes', items: [...groupEvents.slice(0, 10), ...groupJoiners.slice(0, 10)] },
    { title: 'Initiatives repérées par la veille', items: watch },
    { title: 'Événements à venir pour vous', items: events },
    { title: 'Nouveau dans le guide', items: fiches },
    { title: 'Nouveaux Métropotes près de chez vous', items: newcomers },
  ].filter((s) => s.items.length > 0);
}

export const digestKey = (memberId: string, period: DigestPeriod) => `digest:${memberId}:${period.key}`;

/**
 * Since when things are new to each member: where their previous digest ended (its run's `now`, `covers_until`;
 * for a digest written before that column, its row's time), so that consecutive digests join up whatever the gap
 * between runs; a first digest looks back a week or five. Never further than the longest look-back. A digest counts
 * once written (pending or sent) or found empty; not when it could not be sent.
 */
async function sinceFor(rt: WorkersRuntime, memberIds: string[], period: DigestPeriod, now: Date): Promise<Map<string, Date>> {
  const first = now.getTime() - firstLookbackMs(period.frequency);
  const floor = now.getTime() - maxLookbackMs(period.frequency);
  const last: { member_id: string; at: Date }[] = await rt.dataSource.query(
    `SELECT member_id, max(coalesce(covers_until, created_at)) AS at FROM workers.emails
     WHERE template = 'digest' AND member_id = ANY($1::uuid[]) AND coalesce(covers_until, created_at) <= $2
       AND (state IN ('pending', 'sent') OR (state = 'suppressed' AND last_error = 'empty digest'))
     GROUP BY member_id`,
    [memberIds, now],
  );
  const lastAt = new Map(last.map((r) => [r.member_id, new Date(r.at).getTime()]));
  return new Map(memberIds.map((id) => [id, new Date(Math.max(floor, lastAt.get(id) ?? first))]));
}

/**
 * `period` and the digests due with it at `now` (the weekly and the monthly one, on a first Monday): a member never
 * gets both — one who changed frequency between the two runs keeps the first one written.
 */
function periodsWith(period: DigestPeriod, now: Date): DigestPeriod[] {
  const due = periodsDueAt(now);
  return due.some((p) => p.key === period.key) ? [period, ...due.filter((p) => p.key !== period.key)] : [period];
}

/**
 * The digest as written: without `unsubscribeUrl`, its unsubscribe link is the member's secret one, masked
 * (`/unsubscribe/[lien masqué]`; `email.deliver` signs and fills it in the outgoing message only).
 */
function renderDigest(rt: WorkersRuntime, member: DigestMember, period: DigestPeriod, sections: DigestSection[], unsubscribeUrl?: string) {
  const base = rt.config.publicUrl.replace(/\/+$/, '');
  return renderEmail('digest', {
    displayName: member.displayName,
    publicUrl: rt.config.publicUrl,
    params: {
      periodLabel: period.label,
      sections: JSON.stringify(sections),
      ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
      preferencesUrl: `${base}/preferences`,
    },
  });
}

/** The e-mail rows of some members' digests for `period` (members who already have theirs are skipped). */
async function composeDigests(
  rt: WorkersRuntime,
  period: DigestPeriod,
  now: Date,
  batch: DigestMember[],
): Promise<{ emails: NewEmail[]; empty: number }> {
  // The stored letter's unsubscribe link (a usable secret) is masked; email.deliver signs it into the outgoing message.
  const unsubscribeUrl = secretLink(rt.config.publicUrl, '/unsubscribe');
  const domain = senderDomain(rt.config.mail.from);
  const catalogue = await readCatalogue(rt, period, now);
  const periods = periodsWith(period, now);
  const keysOf = (memberId: string) => periods.map((p) => digestKey(memberId, p));
  const done: { dedupe_key: string }[] = await rt.dataSource.query(`SELECT dedupe_key FROM workers.emails WHERE dedupe_key = ANY($1::text[])`, [
    batch.flatMap((m) => keysOf(m.memberId)),
  ]);
  const doneKeys = new Set(done.map((r) => r.dedupe_key));
  const hasOne = (memberId: string) => keysOf(memberId).some((k) => doneKeys.has(k));
  const since = await sinceFor(
    rt,
    batch.map((m) => m.memberId),
    period,
    now,
  );
  const emails: NewEmail[] = [];
  let empty = 0;
  for (const member of batch) {
    const dedupeKey = digestKey(member.memberId, period);
    if (hasOne(member.memberId)) continue;
    const sections = sectionsFor(rt, member, catalogue, since.get(member.memberId)!, now);
    const common = emailRowBase({ dedupeKey, template: 'digest', memberId: member.memberId });
    if (!sections.length) {
      emails.push({ ...closedEmailRow(common, 'suppressed', 'empty digest'), coversUntil: now });
      empty += 1;
      continue;
    }
    emails.push({
      coversUntil: now,
      ...renderedEmailRow(common, member.email, rt.config.mail.from, () => renderDigest(rt, member, period, sections), {
        'List-Id': `La veille des Metropotes <veille.${domain}>`,
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        Precedence: 'bulk',
      }),
    });
  }
  return { emails, empty };
}

interface DigestBatchResult {
  members: number;
  created: number;
  empty: number;
  /** The cursor of the next batch (the last member id read), null when this was the last one. */
  next: string | null;
}

/**
 * One batch of a run: the subscribers after `after` (one members request of `DIGEST_BATCH_SIZE`), one row per
 * member and period (dedupe key `digest:<member>:<period>`: never twice), empty digests stored as suppressed; the
 * rows in one INSERT and their deliveries in one addBulk. Safe to run again.
 */
export async function runDigestBatch(rt: WorkersRuntime, period: DigestPeriod, now: Date, after: string | null): Promise<DigestBatchResult> {
  const size = rt.config.digest.batchSize;
  const data = await rt.gateway.call(MEMBERS, {
    frequency: period.frequency,
    first: size,
    after,
    ...memberWindows(period, now),
  });
  const batch = data.systemDigestMembers ?? [];
  if (!batch.length) return { members: 0, created: 0, empty: 0, next: null };
  const { emails, empty } = await composeDigests(rt, period, now, batch);
  // A crash between the INSERT and the addBulk leaves pending rows without a job: the reconcile loop queues them
  // (Postgres holds the truth).
  const inserted = await rt.emails.insertManyOnce(emails);
  const pending = inserted.filter((r) => r.state === 'pending').map((r) => r.id);
  await queueNewDeliveries(rt.jobs, rt.delivery, pending);
  return { members: batch.length, created: pending.length, empty, next: batch.length < size ? null : batch[batch.length - 1]!.memberId };
}

/** Every batch of a period, one after the other, in this process (the CLI and the tests; the scheduled run fans out jobs). */
export async function runDigest(rt: WorkersRuntime, period: DigestPeriod, now: Date): Promise<{ members: number; created: number; empty: number }> {
  const total = { members: 0, created: 0, empty: 0 };
  let after: string | null = null;
  do {
    const result: DigestBatchResult = await runDigestBatch(rt, period, now, after);
    total.members += result.members;
    total.created += result.created;
    total.empty += result.empty;
    after = result.next;
  } while (after);
  return total;
}

/** The period a preview shows by default: the current one of the member's frequency (weekly for a member who gets none). */
function currentPeriodOf(frequency: DigestMember['digestFrequency'], now: Date): DigestPeriod {
  if (frequency === 'MONTHLY') {
    const { year, month } = parisDate(now);
    return monthlyPeriod(year, month);
  }
  return periodsDueAt(now)[0]!;
}

/**
 * For staff (`previewDigest` through the API, or `npm run jobs -- preview-digest <memberId>`): the digest the member
 * would get for `period` now (by default the current period of their frequency), rendered exactly as it would be sent
 * but for the unsubscribe link (the preferences page: staff must not get a working one), writing and sending nothing.
 * The items are those new since the member's last digest, as for the real one. When the period's digest is already
 * written (sent, being sent, or found empty), that one is shown (ALREADY_SENT): a run would write nothing more.
 */
export async function previewDigest(rt: WorkersRuntime, memberId: string, requested: DigestPeriod | null, now: Date): Promise<DigestPreviewReply> {
  // The windows of the member's queries are those of the requested period, or (unknown before reading the member's
  // frequency) of the monthly one, the longest: sectionsFor keeps what is new since their last digest.
  const windows = memberWindows(requested ?? monthlyPeriod(parisDate(now).year, parisDate(now).month), now);
  const data = await rt.gateway.call(MEMBER, { memberId, ...windows });
  const member = data.systemDigestMember;
  const period = requested ?? currentPeriodOf(member?.digestFrequency ?? 'WEEKLY', now);
  if (member) {
    const horizon = now.getTime() + horizonMs(period.frequency);
    member.upcomingRegistrations = member.upcomingRegistrations.filter((r) => new Date(r.startsAt).getTime() < horizon);
  }
  const base = rt.config.publicUrl.replace(/\/+$/, '');
  const none = { period: period.key, periodLabel: period.label, subject: null, html: null, text: null };
  if (!member) return { ...none, outcome: 'UNKNOWN_MEMBER', since: new Date(now.getTime() - firstLookbackMs(period.frequency)).toISOString() };
  const written: { subject: string | null; html: string | null; text: string | null; created_at: Date }[] = await rt.dataSource.query(
    `SELECT subject, html, text, created_at FROM workers.emails WHERE dedupe_key = $1`,
    [digestKey(member.memberId, period)],
  );
  if (written[0]) {
    // The stored letter as it is kept: its unsubscribe link masked (« /unsubscribe/[lien masqué] »), staff never get the member's.
    const w = written[0];
    return { ...none, outcome: 'ALREADY_SENT', since: new Date(w.created_at).toISOString(), subject: w.subject, html: w.html, text: w.text };
  }
  const since = (await sinceFor(rt, [member.memberId], period, now)).get(member.memberId)!;
  const sections = sectionsFor(rt, member, await readCatalogue(rt, period, now, { cache: false }), since, now);
  const subscribed = member.digestFrequency === period.frequency;
  if (!sections.length) return { ...none, outcome: subscribed ? 'EMPTY' : 'NOT_SUBSCRIBED', since: since.toISOString() };
  return {
    ...none,
    outcome: subscribed ? 'READY' : 'NOT_SUBSCRIBED',
    since: since.toISOString(),
    ...renderDigest(rt, member, period, sections, `${base}/preferences`),
  };
}
