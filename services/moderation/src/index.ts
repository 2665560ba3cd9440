import 'reflect-metadata';
import { runSubgraphProcess } from '@metropotes/graphql-kit';
import { moderationConfigFrom } from './env';
import { moderationSpec } from './server';

const config = moderationConfigFrom();
void runSubgraphProcess(moderationSpec(config.settings), config);
