import { useParams } from 'react-router';
import { CONTROL_ROLES } from '../../features/auth/api/get-session';
import { ExercisePicker } from '../../features/control/components/exercise-picker';
import { EvaluatorConsole } from '../../features/evaluate/components/evaluator-console';
import { paths } from '../../config/paths';
import { RequireSession } from '../require-session';
import { useTranslation } from 'react-i18next';

// evaluators, and the facilitators, instructors and admins who also score
export function EvaluateListRoute() {
  const { t } = useTranslation();
  return (
    <RequireSession allow={{ roles: CONTROL_ROLES }}>
      {() => <ExercisePicker title={t('nav.evaluation')} canCreate={false} roomHref={paths.evaluate.room.getHref} />}
    </RequireSession>
  );
}

export function EvaluateRoomRoute() {
  const { exerciseId = '' } = useParams();
  return (
    <RequireSession allow={{ roles: CONTROL_ROLES }}>
      {(s) =>
        s.kind === 'user' ? (
          <EvaluatorConsole
            key={exerciseId}
            exerciseId={exerciseId}
            me={s.user}
            controlRoomHref={paths.control.room.getHref(exerciseId)}
          />
        ) : null
      }
    </RequireSession>
  );
}
