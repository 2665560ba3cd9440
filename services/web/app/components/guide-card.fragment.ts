import { graphql } from '../graphql/generated';

/** A fiche in a list of the guide (components/guide-card.tsx). */
export const GuideCardFragment = graphql(`
  fragment GuideCard on GuideArticle {
    id
    slug
    title
    summary
    scales
    themes
  }
`);
