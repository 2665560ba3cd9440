import {
  DateTimeResolver,
  EmailAddressResolver,
  LatitudeResolver,
  LongitudeResolver,
  NonEmptyStringResolver,
  PositiveIntResolver,
  URLResolver,
} from 'graphql-scalars';
import { SCALES, THEMES } from './taxonomy';

/**
 * SDL every subgraph includes: scalars, the shared enums and PageInfo.
 * Generated from code so that all subgraphs declare exactly the same thing.
 */
export const SHARED_SDL = `
scalar DateTime
scalar EmailAddress
scalar URL
scalar NonEmptyString
scalar PositiveInt
scalar Latitude
scalar Longitude

"""A theme of the network's shared taxonomy."""
enum Theme {
${Object.entries(THEMES)
  .map(([key, label]) => `  """${label}"""\n  ${key}`)
  .join('\n')}
}

"""A scale of public action, from the quartier to the région."""
enum Scale {
${Object.entries(SCALES)
  .map(([key, label]) => `  """${label}"""\n  ${key}`)
  .join('\n')}
}

"""
Whether a field's value may be kept by a cache, and how long (seconds): the gateway's public read cache keeps the
anonymous answers whose every part says so (gateway/src/public-cache.ts). PRIVATE: the value depends on the viewer.
"""
enum CacheControlScope {
  PUBLIC
  PRIVATE
}

directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION

type PageInfo @shareable @cacheControl(inheritMaxAge: true) {
  hasNextPage: Boolean!
  endCursor: String
}
`;

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

export const sharedScalarResolvers = {
  DateTime: DateTimeResolver,
  EmailAddress: EmailAddressResolver,
  URL: URLResolver,
  NonEmptyString: NonEmptyStringResolver,
  PositiveInt: PositiveIntResolver,
  Latitude: LatitudeResolver,
  Longitude: LongitudeResolver,
};

/** `scalar JSON` ("Arbitrary JSON."), declared by the subgraphs that contribute to the data export. */
export { JSONResolver as jsonScalarResolver } from 'graphql-scalars';
