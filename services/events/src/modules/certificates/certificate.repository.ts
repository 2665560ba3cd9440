import type { DataSource, EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/** What a certificate lists, frozen when it is issued (`events.participation_certificates.content`). */
export interface CertificateContent {
  events: { title: string; kind: string; startsAt: string; endsAt: string; communeCode: string | null }[];
  skills: { skillId: string; name: string; gainedAt: string; eventTitle: string }[];
}

export interface CertificateRow {
  id: string;
  memberId: string;
  code: string;
  issuedAt: Date;
  content: CertificateContent;
  fingerprint: string;
}

const COLUMNS = `c.id, c.member_id AS "memberId", c.code, c.issued_at AS "issuedAt", c.content, c.fingerprint`;

/** Events a certificate may list: those anyone may see the member at (as Member.attendedEvents for the public). */
const PUBLIC_EVENT = `e.status IN ('PUBLISHED', 'CANCELLED') AND e.moderation_state = 'VISIBLE'`;

/** `events.participation_certificates`, and what a certificate reads from attendance. */
export class CertificateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every event the member was marked PRESENT at (public ones), oldest first. */
  attendedEvents(
    manager: Queryable,
    memberId: string,
  ): Promise<{ title: string; kind: string; startsAt: Date; endsAt: Date; communeCode: string | null }[]> {
    return manager.query(
      `SELECT e.title, e.kind, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.commune_code AS "communeCode"
       FROM events.registrations r JOIN events.events e ON e.id = r.event_id
       WHERE r.member_id = $1 AND r.attendance = 'PRESENT' AND ${PUBLIC_EVENT}
       ORDER BY e.starts_at, e.id`,
      [memberId],
    );
  }

  latestOf(manager: Queryable, memberId: string): Promise<CertificateRow | undefined> {
    return manager
      .query(`SELECT ${COLUMNS} FROM events.participation_certificates c WHERE c.member_id = $1 ORDER BY c.issued_at DESC, c.id DESC LIMIT 1`, [
        memberId,
      ])
      .then((rows: CertificateRow[]) => rows[0]);
  }

  async byCode(code: string): Promise<CertificateRow | undefined> {
    const rows: CertificateRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM events.participation_certificates c WHERE c.code = $1`, [
      code,
    ]);
    return rows[0];
  }

  /** Inserts the certificate; null when the code is already taken (the caller draws another). */
  async insert(manager: Queryable, row: Omit<CertificateRow, 'id'>): Promise<CertificateRow | null> {
    const rows: CertificateRow[] = await manager.query(
      `INSERT INTO events.participation_certificates AS c (member_id, code, issued_at, content, fingerprint)
       VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
      [row.memberId, row.code, row.issuedAt, JSON.stringify(row.content), row.fingerprint],
    );
    return rows[0] ?? null;
  }

  /** Serialises the issuing of one member's certificates (two downloads at once make one certificate). */
  async lockMember(manager: Queryable, memberId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('events.participation_certificates:' || $1, 0))`, [memberId]);
  }
}

/** After 'member.erased' (with their registrations, in the same transaction): their certificates go. */
export async function eraseMemberCertificates(manager: Queryable, memberId: string): Promise<void> {
  await manager.query(`DELETE FROM events.participation_certificates WHERE member_id = $1`, [memberId]);
}
