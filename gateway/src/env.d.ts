export declare const SUBGRAPHS: readonly ["members", "events", "guide", "moderation"];
export type SubgraphName = (typeof SUBGRAPHS)[number];
export declare const DEFAULT_SUBGRAPH_PORTS: Record<SubgraphName, number>;
export interface GatewayConfig {
    production: boolean;
    logLevel: string;
    listen: {
        port: number;
        host: string;
    };
    keys: {
        memberPublicKey: string;
        systemPublicKey?: string;
    };
    subgraphs: Record<SubgraphName, {
        url: string;
        secret?: string;
    }>;
    subgraphTimeoutMs: number;
    supergraphPath?: string;
    corsOrigins: string[];
    introspection: boolean;
}
export declare function gatewayConfigFrom(source?: Record<string, string | undefined>): GatewayConfig;
