import './instrument';
import 'reflect-metadata';
import { runSubgraphProcess } from '@metropotes/service-host';
import { eventsConfigFrom } from './env';
import { eventsSpec } from './server';

const config = eventsConfigFrom();
void runSubgraphProcess(eventsSpec({ publicUrl: config.publicUrl, calendarFeedKey: config.calendarFeedKey }), config);
