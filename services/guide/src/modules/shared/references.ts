/** A member as the guide returns it: members' entity, by its key (the gateway resolves the rest from members). */
export interface MemberRef {
  __typename: 'Member';
  id: string;
}
