import { migrations } from './db/migrations';
import { EmailEntity } from './mail/email.entity';

/** The workers' own schema (`workers`), for `npm run migrate` and the runtime. */
export const entities = [EmailEntity];
export { migrations };
