"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SubgraphDataSource = void 0;
const gateway_1 = require("@apollo/gateway");
const graphql_kit_1 = require("@metropotes/graphql-kit");
/**
 * The gateway's hop to one subgraph: forwards the (already verified) access token and the request id,
 * proves it is the gateway with the subgraph's secret, and gives up after a timeout.
 */
class SubgraphDataSource extends gateway_1.RemoteGraphQLDataSource {
    name;
    secret;
    timeoutMs;
    constructor(name, url, secret, timeoutMs) {
        super({
            url,
            fetcher: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) }),
        });
        this.name = name;
        this.secret = secret;
        this.timeoutMs = timeoutMs;
    }
    willSendRequest({ request, context }) {
        const headers = request.http.headers;
        if (this.secret)
            headers.set(graphql_kit_1.GATEWAY_SECRET_HEADER, this.secret);
        const ctx = context;
        if (ctx.requestId)
            headers.set(graphql_kit_1.REQUEST_ID_HEADER, ctx.requestId);
        if (ctx.authorization)
            headers.set('authorization', ctx.authorization);
    }
}
exports.SubgraphDataSource = SubgraphDataSource;
//# sourceMappingURL=subgraph-data-source.js.map