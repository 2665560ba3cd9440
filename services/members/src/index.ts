import './instrument';
import 'reflect-metadata';
import { runSubgraphProcess } from '@metropotes/service-host';
import { membersConfigFrom } from './env';
import { membersSpec } from './server';

async function main() {
  const config = membersConfigFrom();
  await runSubgraphProcess(await membersSpec(config), config);
}

void main();
