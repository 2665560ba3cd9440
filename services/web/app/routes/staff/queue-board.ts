import { forwardToQueueBoard } from '../../lib/queue-board.server';
import type { Route } from './+types/queue-board';

/**
 * /equipe/files/tableau/… : the gateway's queue board, read-only, forwarded with the session's token (a resource
 * route: the board is its own page, with its own scripts and Content-Security-Policy).
 */
export function loader({ request, context }: Route.LoaderArgs) {
  return forwardToQueueBoard(request, context);
}

/** Every change the board could ask for goes to the gateway too, which refuses it (read-only). */
export function action({ request, context }: Route.ActionArgs) {
  return forwardToQueueBoard(request, context);
}
