/** `/` sends people to where their work is. */
import { Navigate } from '@solidjs/router';
import { useSession } from '../lib/session.js';

export default function Home() {
  const session = useSession();
  return <Navigate href={session.isStaff() ? '/staff' : '/applications'} />;
}
