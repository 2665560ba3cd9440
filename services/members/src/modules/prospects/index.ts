// The outreach (prospects) module's public face: what the other modules of the service may use.
import type { EntityManager } from 'typeorm';
import type { OutboxWriter } from '@metropotes/jobs';
import {
  acceptProspectInvitation,
  eraseProspectContacts,
  eraseProspectRecords,
  prospectIdsOfMember,
  prospectsOfMemberForExport,
} from './prospect.repository';
import { forgetProspects } from './prospect.service';

/**
 * The sign-up's part, in its transaction: consumes a valid invitation token and makes its prospect JOINED with the
 * new member at `at`; the prospect's id, or null when the token is no longer valid.
 */
export const acceptInvitation = (tx: EntityManager, token: string, memberId: string, at: Date): Promise<string | null> =>
  acceptProspectInvitation(tx, token, memberId, at);

/**
 * Outreach's part of an account's erasure, in its transaction. The records about the member (their address as a
 * contact, the prospect they joined as) lose their contact data, as minimisation does, and the workers are asked to
 * forget those e-mails (outbox); then their name, source note, staff's notes and link to the account. Others' records
 * that name the member (who created, owned, noted, invited) lose the link. `email`: the address before the erasure;
 * `at`: the clock's instant of the erasure.
 */
export async function eraseMember(
  tx: EntityManager,
  memberId: string,
  erased: { email: string | null; at: Date },
  jobs: OutboxWriter,
): Promise<void> {
  const prospects = await prospectIdsOfMember(tx, memberId, erased.email);
  const forgotten = await eraseProspectContacts(tx, prospects, erased.at);
  await forgetProspects(jobs, forgotten);
  await eraseProspectRecords(tx, prospects);
  await tx.query(`UPDATE members.prospects SET created_by = NULL WHERE created_by = $1`, [memberId]);
  await tx.query(`UPDATE members.prospects SET owner_id = NULL WHERE owner_id = $1`, [memberId]);
  await tx.query(`UPDATE members.prospect_notes SET author_id = NULL WHERE author_id = $1`, [memberId]);
  await tx.query(`UPDATE members.prospect_invitations SET invited_by = NULL WHERE invited_by = $1`, [memberId]);
}

/** The records about the member, with the staff's notes, for their data export (RGPD access). */
export const exportMember = (q: Pick<EntityManager, 'query'>, memberId: string, email: string | null): Promise<Record<string, unknown>[]> =>
  prospectsOfMemberForExport(q, memberId, email);
