import './instrument';
import 'reflect-metadata';
import { runSubgraphProcess } from '@metropotes/service-host';
import { guideConfigFrom } from './env';
import { guideSpec } from './server';

void runSubgraphProcess(guideSpec(), guideConfigFrom());
