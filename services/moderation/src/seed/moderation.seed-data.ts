/**
 * The demo data set of the moderation service: an open case with two reports waiting in the staff's queue, and two
 * resolved cases with their decisions and log entries (a warning to a member, applied by members; a report dismissed).
 * Stable ids: the seed is idempotent. Times are days (or minutes) before the seed's now.
 */

const caseId = (n: number) => `5eed000c-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const reportId = (n: number) => `5eed000d-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const decisionId = (n: number) => `5eed000e-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const auditId = (n: number) => `5eed000f-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export type SeedReportReason = 'SPAM' | 'HARASSMENT' | 'HATE' | 'MISINFORMATION' | 'PERSONAL_DATA' | 'OFF_TOPIC' | 'OTHER';

/** Where a case points: a demo event (index in the events seed's eventIds) or the warned member. */
export type SeedCaseTarget = { type: 'EVENT'; event: number } | { type: 'MEMBER'; warnedMember: true };

export interface SeedCase {
  id: string;
  target: SeedCaseTarget;
  reports: { id: string; reporter: number; reason: SeedReportReason; details: string; daysAgo: number }[];
  /** Staff took the case (a CASE_ASSIGNED log entry): days ago. */
  assignedDaysAgo?: number;
  /** A resolved case's decision. */
  decision?: {
    id: string;
    action: 'WARN' | 'DISMISS';
    /** Who decided it. */
    by: 'STAFF' | 'ADMIN';
    reason: string;
    daysAgo: number;
    auditId: string;
    /** When members applied it (decisions that require an application): minutes after the decision. */
    applied?: { minutesAfter: number; auditId: string };
  };
  assignAuditId?: string;
}

export const SEED_CASES: SeedCase[] = [
  {
    // Waiting in the queue: two members reported the same atelier, for different reasons.
    id: caseId(1),
    target: { type: 'EVENT', event: 6 },
    reports: [
      {
        id: reportId(1),
        reporter: 3,
        reason: 'SPAM',
        details: 'Le lien d’inscription renvoie vers une agence web qui vend ses services : ça ressemble à de la publicité.',
        daysAgo: 3,
      },
      {
        id: reportId(2),
        reporter: 5,
        reason: 'MISINFORMATION',
        details: 'La salle annoncée est fermée pour travaux jusqu’en janvier, d’après le site de la ville de Colombes.',
        daysAgo: 1,
      },
    ],
  },
  {
    // A member warned for his messages: decided by the animation team, applied by the members service.
    id: caseId(2),
    target: { type: 'MEMBER', warnedMember: true },
    reports: [
      {
        id: reportId(3),
        reporter: 4,
        reason: 'HARASSMENT',
        details: 'Après le débat sur la ligne 15, il m’a envoyé plusieurs messages insultants parce que je ne partageais pas son avis.',
        daysAgo: 9,
      },
      { id: reportId(4), reporter: 10, reason: 'HARASSMENT', details: 'Des commentaires méprisants et répétés sur mon profil.', daysAgo: 8 },
    ],
    assignedDaysAgo: 7,
    assignAuditId: auditId(1),
    decision: {
      id: decisionId(1),
      action: 'WARN',
      by: 'STAFF',
      reason:
        'Messages insistants et désobligeants envoyés à plusieurs membres : rappel de la charte (respect des personnes). Une récidive entraînera une suspension.',
      daysAgo: 6,
      auditId: auditId(2),
      applied: { minutesAfter: 1, auditId: auditId(3) },
    },
  },
  {
    // A report dismissed: nothing to apply.
    id: caseId(3),
    target: { type: 'EVENT', event: 2 },
    reports: [
      {
        id: reportId(5),
        reporter: 9,
        reason: 'OFF_TOPIC',
        details: 'Ce n’est pas un atelier du réseau, c’est la campagne d’un élu.',
        daysAgo: 12,
      },
    ],
    decision: {
      id: decisionId(2),
      action: 'DISMISS',
      by: 'ADMIN',
      reason: 'Atelier ouvert à tous, animé par une membre du réseau sans consigne de vote : conforme à la charte, rien à retirer.',
      daysAgo: 11,
      auditId: auditId(4),
    },
  },
];
