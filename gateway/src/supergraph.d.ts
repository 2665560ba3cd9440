/** The committed, composed supergraph (`npm run compose` writes it). */
export declare const SUPERGRAPH_PATH: string;
export declare function readSupergraph(path?: string): string;
