import { data } from 'react-router';

/** Any address no page answers: 404, shown by the root error boundary in French. */
export function loader() {
  throw data({ message: "Cette page n'existe pas, ou plus. Vérifiez l'adresse, ou repartez de l'accueil." }, { status: 404 });
}

export default function NotFound() {
  return null;
}
