import { Navigate } from 'react-router';
import { PageLoader } from '../../components/page-states';
import { homeOf, useSession } from '../../features/auth/api/get-session';

export function HomeRoute() {
  const session = useSession();
  if (session.isPending) return <PageLoader />;
  return <Navigate to={session.data ? homeOf(session.data) : '/login'} replace />;
}
