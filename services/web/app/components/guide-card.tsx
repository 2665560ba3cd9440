import { Link } from 'react-router';
import type { GuideCardFragment } from '../graphql/generated/graphql';
import { SCALE_LABELS, THEME_LABELS } from '../lib/guide-labels';

/** A fiche in a list: its title (the link), its summary, its scales and themes. */
export function GuideCard({ article, headingLevel = 3, excerptHtml }: { article: GuideCardFragment; headingLevel?: 2 | 3; excerptHtml?: string }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="guide-card">
      <Heading className="guide-card__title">
        <Link to={`/guide/${article.slug}`}>{article.title}</Link>
      </Heading>
      {excerptHtml ? (
        // Escaped by the guide service; only its <mark> tags are HTML.
        <p className="guide-card__excerpt" dangerouslySetInnerHTML={{ __html: excerptHtml }} />
      ) : (
        <p>{article.summary}</p>
      )}
      <p className="guide-card__tags">
        {article.scales.map((scale) => (
          <span key={scale} className="tag">
            {SCALE_LABELS[scale]}
          </span>
        ))}
        {article.themes.map((theme) => (
          <span key={theme} className="tag tag--theme">
            {THEME_LABELS[theme]}
          </span>
        ))}
      </p>
    </article>
  );
}
