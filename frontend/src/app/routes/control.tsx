import { useParams } from 'react-router';
import { CONTROL_ROLES, STEERING_ROLES } from '../../features/auth/api/get-session';
import { ControlRoom } from '../../features/control/components/control-room';
import { ExercisePicker } from '../../features/control/components/exercise-picker';
import { paths } from '../../config/paths';
import { RequireSession } from '../require-session';
import { useTranslation } from 'react-i18next';

const steers = (s: { kind: string; user?: { role: (typeof CONTROL_ROLES)[number] } }) =>
  s.kind === 'user' && s.user !== undefined && STEERING_ROLES.includes(s.user.role);

export function ControlListRoute() {
  const { t } = useTranslation();
  return (
    <RequireSession allow={{ roles: CONTROL_ROLES }}>
      {(s) => <ExercisePicker title={t('nav.control')} canCreate={steers(s)} roomHref={paths.control.room.getHref} />}
    </RequireSession>
  );
}

export function ControlRoomRoute() {
  const { exerciseId = '' } = useParams();
  return (
    <RequireSession allow={{ roles: CONTROL_ROLES }}>
      {(s) => (
        <ControlRoom
          key={exerciseId}
          exerciseId={exerciseId}
          mode={steers(s) ? 'steer' : 'evaluate'}
          viewer={s.kind === 'user' ? s.user : undefined}
        />
      )}
    </RequireSession>
  );
}
