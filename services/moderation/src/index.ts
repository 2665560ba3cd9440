import './instrument';
import 'reflect-metadata';
import { runSubgraphProcess } from '@metropotes/service-host';
import { moderationConfigFrom } from './env';
import { moderationSpec } from './server';

const config = moderationConfigFrom();
void runSubgraphProcess(moderationSpec(config.settings), config);
