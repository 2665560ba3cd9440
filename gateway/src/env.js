"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_SUBGRAPH_PORTS = exports.SUBGRAPHS = void 0;
exports.gatewayConfigFrom = gatewayConfigFrom;
const config_1 = require("@metropotes/config");
exports.SUBGRAPHS = ['members', 'events', 'guide', 'moderation'];
exports.DEFAULT_SUBGRAPH_PORTS = { members: 4001, events: 4002, guide: 4003, moderation: 4004 };
const shape = {
    ...config_1.commonEnv,
    GATEWAY_PORT: (0, config_1.portVar)(4000),
    GATEWAY_HOST: config_1.z.string().default('127.0.0.1'),
    AUTH_PUBLIC_KEY: config_1.z.string().min(1, 'the PEM public key that verifies access tokens'),
    SYSTEM_PUBLIC_KEY: config_1.z.string().optional(),
    SUBGRAPH_TIMEOUT_MS: config_1.z.coerce.number().int().min(100).default(10_000),
    SUPERGRAPH_PATH: config_1.z.string().optional(),
    CORS_ORIGINS: config_1.z.string().default('http://localhost:3000,http://localhost:5173'),
    INTROSPECTION: (0, config_1.boolVar)(false).optional(),
    ...Object.fromEntries(exports.SUBGRAPHS.flatMap((name) => [
        [`${name.toUpperCase()}_URL`, (0, config_1.urlVar)(['http', 'https']).default(`http://127.0.0.1:${exports.DEFAULT_SUBGRAPH_PORTS[name]}/graphql`)],
        [`${name.toUpperCase()}_GATEWAY_SECRET`, config_1.z.string().min(16, 'at least 16 characters').optional()],
    ])),
};
function gatewayConfigFrom(source = process.env) {
    const env = (0, config_1.loadEnvOrExit)(shape, source);
    const production = env.NODE_ENV === 'production';
    return {
        production,
        logLevel: env.LOG_LEVEL,
        listen: { port: env.GATEWAY_PORT, host: env.GATEWAY_HOST },
        keys: { memberPublicKey: env.AUTH_PUBLIC_KEY, systemPublicKey: env.SYSTEM_PUBLIC_KEY },
        subgraphs: Object.fromEntries(exports.SUBGRAPHS.map((name) => [
            name,
            { url: env[`${name.toUpperCase()}_URL`], secret: env[`${name.toUpperCase()}_GATEWAY_SECRET`] },
        ])),
        subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
        supergraphPath: env.SUPERGRAPH_PATH,
        corsOrigins: env.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
        introspection: env.INTROSPECTION ?? !production,
    };
}
//# sourceMappingURL=env.js.map