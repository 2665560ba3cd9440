import 'reflect-metadata';
import { runSubgraphProcess } from '@metropotes/graphql-kit';
import { eventsConfigFrom } from './env';
import { eventsSpec } from './server';

void runSubgraphProcess(eventsSpec(), eventsConfigFrom());
