import 'reflect-metadata';
import { runSubgraphProcess } from '@metropotes/graphql-kit';
import { guideConfigFrom } from './env';
import { guideSpec } from './server';

void runSubgraphProcess(guideSpec(), guideConfigFrom());
