import { useRouteLoaderData } from 'react-router';
import type { loader } from '../routes/staff/staff-layout';

/** The signed-in staff member, for console pages (the layout's loader has checked the role). */
export function useStaffViewer() {
  const data = useRouteLoaderData<typeof loader>('staff');
  if (!data) throw new Error('useStaffViewer outside the /equipe layout');
  return data.viewer;
}
