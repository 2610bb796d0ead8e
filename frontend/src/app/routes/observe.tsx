import { useParams } from 'react-router';
import { ROLES } from '../../lib/api-types';
import { ControlRoom } from '../../features/control/components/control-room';
import { ExercisePicker } from '../../features/control/components/exercise-picker';
import { paths } from '../../config/paths';
import { RequireSession } from '../require-session';
import { useTranslation } from 'react-i18next';

// the observer view is the control room's picture, read-only: the route composes the control
// feature in "observe" mode rather than keeping a second copy of it
export function ObserveListRoute() {
  const { t } = useTranslation();
  return (
    <RequireSession allow={{ roles: ROLES }}>
      {() => <ExercisePicker title={t('nav.observer')} canCreate={false} roomHref={paths.observe.room.getHref} />}
    </RequireSession>
  );
}

export function ObserveRoomRoute() {
  const { exerciseId = '' } = useParams();
  return (
    <RequireSession allow={{ roles: ROLES }}>
      {() => <ControlRoom key={exerciseId} exerciseId={exerciseId} mode="observe" />}
    </RequireSession>
  );
}
