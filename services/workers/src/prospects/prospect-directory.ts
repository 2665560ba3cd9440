import type { SystemGateway } from '../gateway/system-gateway';
import { graphql } from '../generated/gateway';

export interface ProspectMailInfo {
  address: string;
  name: string;
  message: string | null;
}

const FOR_MAIL = graphql(`
  query WorkerProspectForMail($id: ID!, $invitationId: ID) {
    prospectForMail(id: $id, invitationId: $invitationId) {
      address
      name
      message
    }
  }
`);
const MINIMISE = graphql(`
  mutation WorkerMinimiseProspects($now: DateTime) {
    minimiseInactiveProspects(now: $now) {
      erased
    }
  }
`);

/** Outreach through the gateway, as the system (the workers never read the members' tables). */
export class ProspectDirectory {
  constructor(private readonly gateway: SystemGateway) {}

  /** Address, name and message of the invitation; null when the prospect must not (or cannot) be e-mailed. */
  async forMail(prospectId: string, invitationId: string): Promise<ProspectMailInfo | null> {
    const data = await this.gateway.call(FOR_MAIL, { id: prospectId, invitationId });
    return data.prospectForMail ?? null;
  }

  /** Erases the contact data of the prospects inactive at `now` (members decides how long is too long). */
  async minimise(now: Date): Promise<number> {
    const data = await this.gateway.call(MINIMISE, { now: now.toISOString() });
    return data.minimiseInactiveProspects.erased;
  }
}
