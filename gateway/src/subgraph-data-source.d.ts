import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context';
/**
 * The gateway's hop to one subgraph: forwards the (already verified) access token and the request id,
 * proves it is the gateway with the subgraph's secret, and gives up after a timeout.
 */
export declare class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
    readonly name: string;
    private readonly secret;
    private readonly timeoutMs;
    constructor(name: string, url: string, secret: string | undefined, timeoutMs: number);
    willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void;
}
