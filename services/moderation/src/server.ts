import 'reflect-metadata';
import { mergeResolvers, sharedScalarResolvers, type SubgraphSpec } from '@metropotes/graphql-kit';
import { buildModerationContext, type ModerationContext } from './context';
import { migrations } from './db/migrations';
import { ReportEntity } from './modules/reports/report.entity';
import { reportResolvers } from './modules/reports/report.resolvers';
import { typeDefs } from './schema';

export const entities = [ReportEntity];
export { migrations };

export function moderationSpec(): SubgraphSpec<ModerationContext> {
  return {
    name: 'moderation',
    entities,
    migrations,
    typeDefs,
    resolvers: mergeResolvers(sharedScalarResolvers, reportResolvers),
    buildContext: buildModerationContext,
  };
}
