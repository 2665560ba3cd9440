import type { Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import { badInput, notFound, requireMember, requireStaff } from '@metropotes/graphql-kit';
import { findCommune } from '@metropotes/territories';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { SkillService } from '../skills';
import type { TrainingRepository } from '../training';
import { formatCertificateCode, newCertificateCode, parseCertificateCode } from './certificate-code';
import type { CertificateContent, CertificateRepository, CertificateRow } from './certificate.repository';

/** An event as a certificate lists it. */
export interface CertificateEventModel {
  title: string;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  communeCode: string | null;
  communeName: string | null;
}

export interface CertificateModel {
  id: string;
  memberId: string;
  code: string;
  issuedAt: Date;
  periodStart: Date;
  periodEnd: Date;
  events: CertificateEventModel[];
  skills: { name: string; gainedAt: Date; eventTitle: string }[];
}

export const NOTHING_TO_CERTIFY =
  "Vous n'avez encore été noté·e présent·e à aucun événement : il n'y a pas encore d'attestation à délivrer. Votre présence est notée par l'équipe ou l'organisateur·rice.";
export const MALFORMED_CODE = "Ce code de vérification n'est pas valide : il compte 12 lettres et chiffres (par exemple ACDE-FGHJ-KMNP).";

/** Draws of a code before giving up (a clash is already one chance in 10^16). */
const CODE_ATTEMPTS = 5;

function toModel(row: CertificateRow): CertificateModel {
  const events = row.content.events.map((e) => ({
    ...e,
    startsAt: new Date(e.startsAt),
    endsAt: new Date(e.endsAt),
    communeName: e.communeCode ? (findCommune(e.communeCode)?.name ?? null) : null,
  }));
  return {
    id: row.id,
    memberId: row.memberId,
    code: formatCertificateCode(row.code),
    issuedAt: row.issuedAt,
    periodStart: events[0]!.startsAt,
    periodEnd: events.reduce((end, e) => (e.endsAt > end ? e.endsAt : end), events[0]!.endsAt),
    events,
    skills: row.content.skills.map((s) => ({ name: s.name, gainedAt: new Date(s.gainedAt), eventTitle: s.eventTitle })),
  };
}

/**
 * Participation certificates (issue #19): issued by the member for themself, frozen as issued, checked by staff with
 * their verification code. One instance per request.
 */
export class CertificateService {
  constructor(
    private readonly repository: CertificateRepository,
    private readonly training: TrainingRepository,
    private readonly skills: SkillService,
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
    private readonly clock: Clock,
  ) {}

  /** What the member's certificate would list now. */
  private async contentOf(memberId: string): Promise<CertificateContent> {
    const events = await this.repository.attendedEvents(this.dataSource.manager, memberId);
    const gained = await this.training.gainedSkills(memberId, true);
    const names = new Map((await this.skills.ofEvent(gained.map((g) => g.skillId))).map((s) => [s.id, s.name]));
    return {
      events: events.map((e) => ({
        title: e.title,
        kind: e.kind,
        startsAt: e.startsAt.toISOString(),
        endsAt: e.endsAt.toISOString(),
        communeCode: e.communeCode,
      })),
      skills: gained.flatMap((g) => {
        const name = names.get(g.skillId);
        return name ? [{ skillId: g.skillId, name, gainedAt: g.startsAt.toISOString(), eventTitle: g.title }] : [];
      }),
    };
  }

  async issue(): Promise<CertificateModel> {
    const memberId = requireMember(this.viewer);
    const content = await this.contentOf(memberId);
    if (!content.events.length) throw notFound(NOTHING_TO_CERTIFY);
    const fingerprint = createHash('sha256').update(JSON.stringify(content)).digest('hex');
    const row = await this.dataSource.transaction(async (manager) => {
      await this.repository.lockMember(manager, memberId);
      const latest = await this.repository.latestOf(manager, memberId);
      // Nothing changed since the last download: the same certificate (and code), no new row.
      if (latest?.fingerprint === fingerprint) return latest;
      for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
        const inserted = await this.repository.insert(manager, {
          memberId,
          code: newCertificateCode(),
          issuedAt: this.clock.now(),
          content,
          fingerprint,
        });
        if (inserted) return inserted;
      }
      throw new Error('No free certificate code after several draws');
    });
    return toModel(row);
  }

  async byCode(typed: string): Promise<CertificateModel | null> {
    requireStaff(this.viewer);
    const code = parseCertificateCode(typed);
    if (!code) throw badInput(MALFORMED_CODE, 'code');
    const row = await this.repository.byCode(code);
    return row ? toModel(row) : null;
  }
}
