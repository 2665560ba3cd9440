import { graphql } from '../graphql/generated';

/** The communes of the Métropole by territory, for the commune pickers (components/commune-select.tsx). */
export const CommuneChoicesFragment = graphql(`
  fragment CommuneChoices on Territory {
    code
    name
    communes {
      code
      name
    }
  }
`);
