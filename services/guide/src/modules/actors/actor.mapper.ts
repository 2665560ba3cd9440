import type { Connection } from '@metropotes/graphql-kit';
import type { ActorEntity } from './actor.entity';

export interface ActorModel {
  id: string;
  kind: ActorEntity['kind'];
  name: string;
  scale: string;
  communeCode: string | null;
  website: string | null;
  contact: string | null;
  description: string;
}

export const toActorModel = (a: ActorEntity): ActorModel => ({
  id: a.id,
  kind: a.kind,
  name: a.name,
  scale: a.scale,
  communeCode: a.communeCode,
  website: a.website,
  contact: a.contact,
  description: a.description,
});

/** A page of actors as the service returns it (its `totalCount` counted only when asked). */
export type ActorConnectionModel = Connection<ActorModel>;
