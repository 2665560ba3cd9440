import 'reflect-metadata';
import { processClock, type Clock } from '@metropotes/config';
import { createServiceDataSource, runMigrations } from '@metropotes/database';
import { foldName } from '@metropotes/territories';
import * as argon2 from 'argon2';
import type { DataSource } from 'typeorm';
// The same argon2id options as the members service's sign-up.
import { ARGON2_OPTIONS } from '../modules/accounts/password-hasher';
import { entities, migrations } from '../server';
import {
  DEMO_MEMBER_PASSWORD,
  DEMO_STAFF_PASSWORD,
  LARGE_MEMBER_COUNT,
  SEED_ADMIN,
  SEED_ALL_MEMBERS,
  SEED_GROUPS,
  SEED_MEMBERS,
  SEED_NEWCOMERS,
  SEED_PROSPECTS,
  SEED_STAFF,
  largeMemberIdSql,
} from './members.seed-data';

export * from './members.seed-data';

export type SeedScale = 'demo' | 'large';

export interface SeedOptions {
  scale: SeedScale;
  log?: (line: string) => void;
  /**
   * "Now" for the data set (join dates, welcomes... are relative to it). Default: the process's clock
   * (CLOCK_START when set, else the real time).
   */
  clock?: Clock;
}

/** The seeding process's clock, unless the caller gives one. */
const clockOf = (options: SeedOptions): Clock =>
  options.clock ?? processClock({ production: process.env.NODE_ENV === 'production', clockStart: process.env.CLOCK_START });

/** What the other services' seeds may reference (federation ids only). */
export interface MembersSeedResult {
  adminId: string;
  staffId: string;
  memberIds: string[];
  newcomerIds: string[];
  /** With --scale large: the number of generated members (ids from largeMemberIdSql). */
  largeMemberCount: number;
}

/** Applies the members migrations, then the demo data set (idempotent), and the large one if asked. */
export async function seedMembers(url: string, options: SeedOptions): Promise<MembersSeedResult> {
  const { dataSource } = createServiceDataSource({
    url,
    schema: 'members',
    entities,
    migrations,
    applicationName: 'metropotes-seed-members',
    statementTimeoutMs: 300_000,
  });
  await dataSource.initialize();
  const clock = clockOf(options);
  try {
    await runMigrations(dataSource, 'members');
    await seedDemoMembers(dataSource, options, clock.now());
    if (options.scale === 'large') {
      await seedLargeMembers(dataSource, options, clock.now());
      // After a bulk load, as autovacuum would do in time: fresh statistics and visibility map, so the
      // planner sees the real data and counts can use index-only scans.
      await dataSource.query('VACUUM ANALYZE members.members');
    }
  } finally {
    await dataSource.destroy();
  }
  return {
    adminId: SEED_ADMIN.id,
    staffId: SEED_STAFF.id,
    memberIds: SEED_MEMBERS.map((m) => m.id),
    newcomerIds: SEED_NEWCOMERS.map((m) => m.id),
    largeMemberCount: options.scale === 'large' ? LARGE_MEMBER_COUNT : 0,
  };
}

async function seedDemoMembers(dataSource: DataSource, options: SeedOptions, now: Date): Promise<void> {
  const existing = new Set(
    ((await dataSource.query(`SELECT id FROM members.members WHERE id = ANY($1)`, [SEED_ALL_MEMBERS.map((m) => m.id)])) as { id: string }[]).map(
      (r) => r.id,
    ),
  );
  const missing = SEED_ALL_MEMBERS.filter((m) => !existing.has(m.id));
  // Hashing is the slow part: only for the accounts not there yet (and never re-hashed).
  const hashes = new Map<string, string>();
  for (const m of missing) {
    hashes.set(m.id, await argon2.hash(m.role === 'MEMBER' ? DEMO_MEMBER_PASSWORD : DEMO_STAFF_PASSWORD, ARGON2_OPTIONS));
  }
  await dataSource.transaction(async (manager) => {
    for (const m of missing) {
      const joinedAt = new Date(now.getTime() - m.joinedDaysAgo * 86_400_000);
      await manager.query(
        `INSERT INTO members.members
           (id, email, email_verified_at, password_hash, display_name, search_name, bio, commune_code, neighbourhood,
            interests, skills, profile_visibility, role, welcome_status, welcomed_at, welcomed_by, charter_accepted_at,
            joined_at, followed_communes, followed_themes, updated_at, buddy_id, first_participation_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18, $19, $20, $21, $22)
         ON CONFLICT DO NOTHING`,
        [
          m.id,
          m.email,
          joinedAt,
          hashes.get(m.id),
          m.displayName,
          foldName(m.displayName),
          m.bio,
          m.communeCode,
          m.neighbourhood ?? null,
          m.interests,
          m.skills ?? [],
          m.visibility ?? 'MEMBERS',
          m.role,
          m.welcomed ? 'WELCOMED' : 'NEW',
          m.welcomed ? new Date(joinedAt.getTime() + 3 * 86_400_000) : null,
          m.welcomed && m.role === 'MEMBER' ? SEED_STAFF.id : null,
          joinedAt,
          [m.communeCode],
          m.interests,
          now,
          m.buddyId ?? null,
          m.firstParticipationDaysAgo === undefined ? null : new Date(now.getTime() - m.firstParticipationDaysAgo * 86_400_000),
        ],
      );
    }
    for (const g of SEED_GROUPS) {
      await manager.query(
        `INSERT INTO members.groups (id, name, search_name, description, commune_code, website, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT DO NOTHING`,
        [g.id, g.name, foldName(g.name), g.description, g.communeCode, g.website ?? null, g.createdBy, now],
      );
      for (const [i, memberId] of g.members.entries()) {
        await manager.query(
          `INSERT INTO members.group_memberships (group_id, member_id, role, joined_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [g.id, memberId, i === 0 ? 'ADMIN' : 'MEMBER', now],
        );
      }
    }
  });
  options.log?.(`members: ${missing.length} demo accounts added (${SEED_ALL_MEMBERS.length} in the data set), ${SEED_GROUPS.length} groups`);
}

/** What the other services' seeds give the members' follow-up step (federation ids only). */
export interface MembersFollowUpRefs {
  /** The guide seed's watch items with stable ids (prospects spotted in the veille). */
  watchItemIds: string[];
  /** The events seed's demo events (prospects met at an event). */
  eventIds: string[];
  /** Decisions on members the moderation seed recorded as decided, for members to apply as its service does. */
  moderationDecisions: SeedModerationDecision[];
}

/** A moderation decision to apply to a member (what the workers' apply-decision job hands members). */
export interface SeedModerationDecision {
  decisionId: string;
  targetType: 'MEMBER';
  targetId: string;
  action: 'WARN';
  reason: string;
  decidedAt: Date;
  appliedAt: Date;
}

const DAY = 86_400_000;

/**
 * The second members step, once the other services are seeded: outreach (prospects and their notes, which point at
 * watch items and events) and the moderation decisions applied to members (a warning), written as the members service
 * writes them (moderation_applications, member_warnings). Idempotent: stable ids, ON CONFLICT DO NOTHING.
 */
export async function seedMemberFollowUps(url: string, refs: MembersFollowUpRefs, options: SeedOptions): Promise<void> {
  const { dataSource } = createServiceDataSource({
    url,
    schema: 'members',
    entities,
    migrations,
    applicationName: 'metropotes-seed-members',
    statementTimeoutMs: 300_000,
  });
  await dataSource.initialize();
  const now = clockOf(options).now();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  try {
    await dataSource.transaction(async (manager) => {
      for (const p of SEED_PROSPECTS) {
        const joinedMember = p.joinedMemberId ? SEED_ALL_MEMBERS.find((m) => m.id === p.joinedMemberId) : undefined;
        const joinedAt = joinedMember ? ago(joinedMember.joinedDaysAgo) : null;
        const contactedAt = p.contactedDaysAgo !== undefined ? ago(p.contactedDaysAgo) : null;
        const declinedAt = p.declinedDaysAgo !== undefined ? ago(p.declinedDaysAgo) : null;
        const times = [ago(p.spottedDaysAgo), contactedAt, joinedAt, declinedAt, ...p.notes.map((n) => ago(n.daysAgo))].filter(
          (t): t is Date => t !== null,
        );
        const lastActivityAt = new Date(Math.max(...times.map((t) => t.getTime())));
        await manager.query(
          `INSERT INTO members.prospects
             (id, name, kind, commune_code, themes, contact_email, contact_phone, contact_website, source_kind, watch_item_id, event_id,
              source_note, status, owner_id, next_step_at, joined_member_id, created_by, contacted_at, joined_at, declined_at,
              contact_erased_at, created_at, last_activity_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $14, $17, $18, $19, $20, $21, $22)
           ON CONFLICT (id) DO NOTHING`,
          [
            p.id,
            p.name,
            p.kind,
            p.communeCode,
            p.themes,
            p.contact?.email ?? null,
            p.contact?.phone ?? null,
            p.contact?.website ?? null,
            p.source.kind,
            p.source.kind === 'WATCH_ITEM' ? (refs.watchItemIds[p.source.watchItem] ?? null) : null,
            p.source.kind === 'EVENT' ? (refs.eventIds[p.source.event] ?? null) : null,
            p.sourceNote,
            p.status,
            SEED_STAFF.id,
            p.nextStepInDays === null ? null : new Date(now.getTime() + p.nextStepInDays * DAY),
            p.joinedMemberId ?? null,
            contactedAt,
            joinedAt,
            declinedAt,
            p.contact === null ? (declinedAt ?? ago(p.spottedDaysAgo)) : null,
            ago(p.spottedDaysAgo),
            lastActivityAt,
          ],
        );
        for (const n of p.notes) {
          await manager.query(
            `INSERT INTO members.prospect_notes (id, prospect_id, author_id, text, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
            [n.id, p.id, SEED_STAFF.id, n.text, ago(n.daysAgo)],
          );
        }
      }
      // As MemberModerationService.apply does for a WARN: the decision recorded once, then the warning.
      for (const d of refs.moderationDecisions) {
        const recorded = (await manager.query(
          `INSERT INTO members.moderation_applications (decision_id, target_type, target_id, action, decided_at, applied_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (decision_id) DO NOTHING RETURNING decision_id`,
          [d.decisionId, d.targetType, d.targetId, d.action, d.decidedAt, d.appliedAt],
        )) as unknown[];
        if (!recorded.length) continue;
        await manager.query(
          `INSERT INTO members.member_warnings (member_id, decision_id, reason, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (decision_id) DO NOTHING`,
          [d.targetId, d.decisionId, d.reason, d.appliedAt],
        );
      }
    });
  } finally {
    await dataSource.destroy();
  }
  options.log?.(`members: ${SEED_PROSPECTS.length} prospects with their notes, ${refs.moderationDecisions.length} moderation decision(s) applied`);
}

const FIRST_NAMES = [
  'Adama',
  'Alice',
  'Amine',
  'Anais',
  'Bilal',
  'Camille',
  'Chloe',
  'David',
  'Djeneba',
  'Elias',
  'Emma',
  'Farid',
  'Hugo',
  'Ibrahim',
  'Jade',
  'Kenza',
  'Louise',
  'Malik',
  'Marie',
  'Mehdi',
  'Nora',
  'Omar',
  'Paul',
  'Rayan',
  'Salome',
  'Samir',
  'Sarah',
  'Yanis',
  'Yasmine',
  'Zoe',
];
const LAST_NAMES = [
  'Bernard',
  'Bouaziz',
  'Camara',
  'Chevalier',
  'Da Silva',
  'Diop',
  'Fontaine',
  'Garcia',
  'Girard',
  'Hamidi',
  'Kone',
  'Lambert',
  'Laurent',
  'Mercier',
  'Nguyen',
  'Petit',
  'Rousseau',
  'Sanchez',
  'Simon',
  'Toure',
];
const THEMES = [
  'LOGEMENT',
  'TRANSPORTS',
  'ENVIRONNEMENT',
  'EDUCATION',
  'CULTURE',
  'SANTE',
  'EMPLOI',
  'URBANISME',
  'DEMOCRATIE_LOCALE',
  'BUDGET_PARTICIPATIF',
  'SOLIDARITE',
  'SPORT',
];

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;

/** 50,000 generated members, in one INSERT … SELECT generate_series (idempotent: stable md5 ids); times relative to `now`. */
async function seedLargeMembers(dataSource: DataSource, options: SeedOptions, now: Date): Promise<void> {
  const started = Date.now();
  const hash = await argon2.hash(DEMO_MEMBER_PASSWORD, ARGON2_OPTIONS);
  const communes = ((await dataSource.query(`SELECT code FROM members.communes WHERE in_metropole ORDER BY code`)) as { code: string }[]).map(
    (r) => r.code,
  );
  await dataSource.query(
    `INSERT INTO members.members
       (id, email, email_verified_at, password_hash, display_name, search_name, bio, commune_code, interests,
        role, welcome_status, charter_accepted_at, joined_at, followed_themes, updated_at)
     SELECT ${largeMemberIdSql('n')},
            'membre' || n || '@grand.metropotes.local',
            $3::timestamptz, $1,
            f.first || ' ' || l.last,
            lower(f.first || ' ' || l.last),
            'Membre généré n° ' || n || ' pour les essais de charge.',
            c.codes[1 + n % cardinality(c.codes)],
            ARRAY[t.themes[1 + n % cardinality(t.themes)], t.themes[1 + (n / 7) % cardinality(t.themes)]],
            'MEMBER',
            CASE WHEN n % 50 = 0 THEN 'NEW' ELSE 'WELCOMED' END,
            $3::timestamptz - make_interval(days => n % 700),
            $3::timestamptz - make_interval(days => n % 700),
            ARRAY[t.themes[1 + n % cardinality(t.themes)]],
            $3::timestamptz
       FROM generate_series(1, ${LARGE_MEMBER_COUNT}) AS n
       CROSS JOIN LATERAL (SELECT (${sqlArray(FIRST_NAMES)})[1 + n % ${FIRST_NAMES.length}] AS first) f
       CROSS JOIN LATERAL (SELECT (${sqlArray(LAST_NAMES)})[1 + (n / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}] AS last) l
       CROSS JOIN (SELECT $2::text[] AS codes) c
       CROSS JOIN (SELECT ${sqlArray(THEMES)} AS themes) t
     ON CONFLICT DO NOTHING`,
    [hash, communes, now],
  );
  await dataSource.query(`ANALYZE members.members`);
  const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM members.members`)) as { count: number }[];
  options.log?.(`members: large data set ready (${count} members in all) in ${Date.now() - started} ms`);
}
