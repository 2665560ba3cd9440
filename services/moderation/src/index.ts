import 'reflect-metadata';
import { runSubgraphProcess } from '@metropotes/graphql-kit';
import { moderationConfigFrom } from './env';
import { moderationSpec } from './server';

void runSubgraphProcess(moderationSpec(), moderationConfigFrom());
