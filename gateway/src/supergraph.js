"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SUPERGRAPH_PATH = void 0;
exports.readSupergraph = readSupergraph;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** The committed, composed supergraph (`npm run compose` writes it). */
exports.SUPERGRAPH_PATH = (0, node_path_1.resolve)(__dirname, '..', 'supergraph.graphql');
function readSupergraph(path = exports.SUPERGRAPH_PATH) {
    return (0, node_fs_1.readFileSync)(path, 'utf8');
}
//# sourceMappingURL=supergraph.js.map