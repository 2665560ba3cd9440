import { redirect } from 'react-router';
import { graphql } from '../graphql/generated';
import { queryOrThrow } from '../graphql/gateway.server';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/my-data-export';

const MyDataExportQuery = graphql(`
  query MyDataExport {
    myDataExport
  }
`);

/** The API's export of the member's data (RGPD access right), as a JSON file to download. */
export async function loader({ context }: Route.LoaderArgs) {
  if (!currentSession(context)) throw redirect('/connexion?retour=%2Fmoi%2Fdonnees');
  const data = await queryOrThrow(context, MyDataExportQuery, {});
  return new Response(`${JSON.stringify(data.myDataExport, null, 2)}\n`, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="mes-donnees-metropotes.json"',
      'cache-control': 'private, no-store',
    },
  });
}
