import { formatParisTimeRange, formatParisTime } from '../lib/display-time';
import { Link } from 'react-router';
import type { ModerationTargetFragment } from '../graphql/generated/graphql';
import { useNow } from '../lib/use-now';

const ROLE_LABELS: Record<string, string> = { MEMBER: 'membre', STAFF: "membre de l'équipe", ADMIN: 'administration' };

/** Whether the content is hidden now (staff see moderationState). */
function HiddenBadge({ state }: { state: string | null | undefined }) {
  return state === 'HIDDEN' ? (
    <p className="badge badge--hidden">Masqué : les membres ne le voient plus</p>
  ) : (
    <p className="badge badge--visible">Visible des membres</p>
  );
}

/**
 * What a case is about, shown as members saw it: an event's title, date, place and description; a fiche's summary
 * and text; a member's profile; a group; a veille item. Data: ModerationTargetFragment (moderation-target.fragment.ts).
 */
export function ModerationTarget({ target }: { target: ModerationTargetFragment | null | undefined }) {
  const now = useNow();
  if (!target) return <p className="muted">Ce contenu n'existe plus (supprimé, ou le compte a été effacé).</p>;
  switch (target.__typename) {
    case 'Event':
      return (
        <div className="mod-target">
          <HiddenBadge state={target.moderationState} />
          <p className="mod-target__title">
            <Link to={`/evenements/${target.id}`}>{target.title}</Link>
          </p>
          <p>{formatParisTimeRange(target.startsAt, target.endsAt, { now })}</p>
          <p>
            {target.venue
              ? `${target.venue.name}${target.venue.address ? `, ${target.venue.address}` : ''}, ${target.venue.commune.name}`
              : target.onlineUrl
                ? `En ligne : ${target.onlineUrl}`
                : 'Lieu non précisé'}
          </p>
          <p className="muted">Organisé par {target.organizer?.displayName ?? "l'équipe d'animation"}</p>
          {target.descriptionHtml.trim() ? (
            <div className="prose mod-target__body" dangerouslySetInnerHTML={{ __html: target.descriptionHtml }} />
          ) : null}
        </div>
      );
    case 'GuideArticle':
      return (
        <div className="mod-target">
          <HiddenBadge state={target.moderationState} />
          <p className="mod-target__title">
            <Link to={`/guide/${target.slug}`}>{target.title}</Link>
          </p>
          <p className="mod-target__summary">{target.summary}</p>
          {target.bodyHtml.trim() ? <div className="prose mod-target__body" dangerouslySetInnerHTML={{ __html: target.bodyHtml }} /> : null}
        </div>
      );
    case 'Member':
      return (
        <div className="mod-target">
          <HiddenBadge state={target.moderationState} />
          <p className="mod-target__title">
            <Link to={`/membres/${target.id}`}>{target.displayName}</Link> <span className="muted">({ROLE_LABELS[target.role] ?? target.role})</span>
          </p>
          <p>{[target.neighbourhood, target.commune?.name].filter(Boolean).join(', ') || 'Commune non précisée'}</p>
          {target.bio ? <p className="mod-target__body">{target.bio}</p> : <p className="muted">Pas de présentation.</p>}
          {target.skills.length ? <p>Compétences : {target.skills.join(', ')}</p> : null}
        </div>
      );
    case 'Group':
      return (
        <div className="mod-target">
          <HiddenBadge state={target.moderationState} />
          <p className="mod-target__title">
            <Link to={`/groupes/${target.id}`}>{target.name}</Link>
          </p>
          <p>
            {target.commune?.name ?? 'Commune non précisée'} · {target.memberCount} membre{target.memberCount > 1 ? 's' : ''}
          </p>
          {target.description ? <p className="mod-target__body">{target.description}</p> : null}
          {target.website ? <p>Site : {target.website}</p> : null}
        </div>
      );
    case 'WatchItem':
      return (
        <div className="mod-target">
          <HiddenBadge state={target.moderationState} />
          <p className="mod-target__title">{target.title}</p>
          <p className="muted">Publié {formatParisTime(target.publishedAt, { now, style: 'date' })}</p>
          <p className="mod-target__body">{target.summary}</p>
          <p>Source : {target.url}</p>
        </div>
      );
    case 'GroupMessage':
      return (
        <div className="mod-target">
          <HiddenBadge state={target.moderationState} />
          <p className="mod-target__title">{target.subject}</p>
          <p className="muted">
            Message du groupe <Link to={`/groupes/${target.group.id}`}>{target.group.name}</Link>
            {target.author ? `, par ${target.author.displayName}` : ''}, {formatParisTime(target.sentAt, { now })}
          </p>
          <p className="mod-target__body" style={{ whiteSpace: 'pre-wrap' }}>
            {target.body}
          </p>
        </div>
      );
    case 'EventMessage':
      return (
        <div className="mod-target">
          <HiddenBadge state={target.moderationState} />
          <p className="mod-target__title">{target.subject}</p>
          <p className="muted">
            Message aux inscrit·es de <Link to={`/evenements/${target.event.id}`}>{target.event.title}</Link>,{' '}
            {formatParisTime(target.sentAt, { now })}
          </p>
          <p className="mod-target__body" style={{ whiteSpace: 'pre-wrap' }}>
            {target.body}
          </p>
        </div>
      );
    default:
      return null;
  }
}

/** A one-line name of the target, for lists (the queue). */
export function targetName(target: { title?: string; displayName?: string; name?: string; subject?: string } | null | undefined): string {
  if (!target) return 'Contenu disparu';
  return target.title ?? target.displayName ?? target.name ?? target.subject ?? 'Contenu';
}
