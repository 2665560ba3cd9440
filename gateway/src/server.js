"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startGateway = startGateway;
const gateway_1 = require("@apollo/gateway");
const server_1 = require("@apollo/server");
const default_1 = require("@apollo/server/plugin/landingPage/default");
const express5_1 = require("@as-integrations/express5");
const auth_1 = require("@metropotes/auth");
const config_1 = require("@metropotes/config");
const graphql_kit_1 = require("@metropotes/graphql-kit");
const cors_1 = __importDefault(require("cors"));
const express_1 = __importDefault(require("express"));
const graphql_1 = require("graphql");
const helmet_1 = __importDefault(require("helmet"));
const env_1 = require("./env");
const subgraph_data_source_1 = require("./subgraph-data-source");
const supergraph_1 = require("./supergraph");
async function startGateway(config, logger = (0, config_1.createLogger)('gateway', config.logLevel)) {
    const verifier = await (0, auth_1.createTokenVerifier)(config.keys);
    const gateway = new gateway_1.ApolloGateway({
        supergraphSdl: (0, supergraph_1.readSupergraph)(config.supergraphPath),
        buildService: ({ name }) => {
            const sub = config.subgraphs[name];
            if (!sub)
                throw new Error(`The supergraph names an unknown subgraph "${name}"`);
            return new subgraph_data_source_1.SubgraphDataSource(name, sub.url, sub.secret, config.subgraphTimeoutMs);
        },
    });
    const apollo = new server_1.ApolloServer({
        gateway,
        csrfPrevention: true,
        introspection: config.introspection,
        includeStacktraceInErrorResponses: false,
        allowBatchedHttpRequests: false,
        formatError: (formatted) => (0, graphql_kit_1.maskError)(formatted),
        plugins: [
            config.production
                ? (0, default_1.ApolloServerPluginLandingPageProductionDefault)({ footer: false })
                : (0, default_1.ApolloServerPluginLandingPageLocalDefault)({ footer: false }),
        ],
    });
    await apollo.start();
    const app = (0, express_1.default)();
    app.disable('x-powered-by');
    app.set('trust proxy', 'loopback');
    app.use((0, graphql_kit_1.requestLogging)(logger));
    app.use((0, helmet_1.default)({ contentSecurityPolicy: config.production ? undefined : false, crossOriginEmbedderPolicy: false }));
    app.get('/health', (_req, res) => {
        res.json({ status: 'ok', service: 'gateway' });
    });
    app.get('/ready', async (_req, res) => {
        const report = await (0, graphql_kit_1.readinessReport)(Object.fromEntries(env_1.SUBGRAPHS.map((name) => [
            name,
            async () => {
                const response = await fetch(new URL('/ready', config.subgraphs[name].url), { signal: AbortSignal.timeout(2000) });
                if (!response.ok)
                    throw new Error(`HTTP ${response.status}`);
            },
        ])));
        res.status(report.ready ? 200 : 503).json({ service: 'gateway', ...report });
    });
    app.use('/graphql', (0, cors_1.default)({ origin: config.corsOrigins, credentials: true, maxAge: 600 }), express_1.default.json({ limit: '100kb' }), (0, express5_1.expressMiddleware)(apollo, {
        context: async ({ req, res }) => {
            const requestId = res.locals.requestId;
            const authorization = req.header('authorization') ?? undefined;
            try {
                const viewer = await verifier.viewerFromHeader(authorization);
                return { requestId, viewer, authorization: viewer.kind === 'anonymous' ? undefined : authorization };
            }
            catch (error) {
                if (!(error instanceof auth_1.InvalidTokenError))
                    throw error;
                throw new graphql_1.GraphQLError(error.reason === 'expired' ? 'Votre session a expiré : reconnectez-vous.' : "Votre jeton d'accès n'est pas valide.", { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
            }
        },
    }));
    const server = await new Promise((resolve, reject) => {
        const s = app.listen(config.listen.port, config.listen.host, () => resolve(s));
        s.once('error', reject);
    });
    server.keepAliveTimeout = 65_000;
    const port = server.address().port;
    const host = config.listen.host === '0.0.0.0' || config.listen.host === '::' ? 'localhost' : config.listen.host;
    const url = `http://${host}:${port}/graphql`;
    logger.info({ url }, 'gateway listening');
    return {
        url,
        port,
        async stop() {
            await new Promise((resolve) => {
                server.close(() => resolve());
                server.closeIdleConnections();
                setTimeout(() => server.closeAllConnections(), 5000).unref();
            });
            await apollo.stop();
        },
    };
}
//# sourceMappingURL=server.js.map