import { TeamConsole } from '../../features/play/components/team-console';
import { RequireSession } from '../require-session';

export function PlayRoute() {
  return <RequireSession allow={{ participant: true }}>{() => <TeamConsole />}</RequireSession>;
}
