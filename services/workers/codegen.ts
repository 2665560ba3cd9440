import { gatewayOperationsConfig } from '../../scripts/codegen-config';

/** The operations workers sends to the gateway, typed from its API schema (scripts/codegen-config.ts). */
export default gatewayOperationsConfig(__dirname);
