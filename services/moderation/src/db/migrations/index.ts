import { MessageTargets1765280000001 } from './1765280000001-message-targets';
import { Moderation1764000000000 } from './1764000000000-moderation';
import { AuditRoleChanges1764500000000 } from './1764500000000-audit-role-changes';
import { JobOutbox1764600000000 } from './1764600000000-job-outbox';
import { DropOutboxView1764960000000 } from './1764960000000-drop-outbox-view';
import { DecisionModeratorRole1765000000000 } from './1765000000000-decision-moderator-role';
import { TrustedReporters1765000000001 } from './1765000000001-trusted-reporters';
import { ReportNotifyOutcome1765250000002 } from './1765250000002-report-notify-outcome';
import { ReporterErasure1765270000000 } from './1765270000000-reporter-erasure';

/** Every migration of the moderation schema, in order. */
export const migrations = [
  Moderation1764000000000,
  AuditRoleChanges1764500000000,
  JobOutbox1764600000000,
  DropOutboxView1764960000000,
  DecisionModeratorRole1765000000000,
  TrustedReporters1765000000001,
  ReportNotifyOutcome1765250000002,
  ReporterErasure1765270000000,
  MessageTargets1765280000001,
];
