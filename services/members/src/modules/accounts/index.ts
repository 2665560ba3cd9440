// The accounts module's public face (sign-up, log-in, sessions, e-mail links, erasure): what the other modules of the
// service may use.
export type { AccountService } from './account.service';
