import { createContext, useContext } from 'react';

/** The CSP nonce of the response, given by entry.server; undefined in the browser (scripts are already allowed). */
export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);
