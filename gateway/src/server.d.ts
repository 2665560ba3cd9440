import { type Logger } from '@metropotes/config';
import { type GatewayConfig } from './env';
export interface RunningGateway {
    url: string;
    port: number;
    stop(): Promise<void>;
}
export declare function startGateway(config: GatewayConfig, logger?: Logger): Promise<RunningGateway>;
