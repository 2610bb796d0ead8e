import { useParams } from 'react-router';
import { CONTROL_ROLES } from '../../features/auth/api/get-session';
import { ExercisePicker } from '../../features/control/components/exercise-picker';
import { reviewPaths } from '../../features/review/api/review-paths';
import { ReportPage } from '../../features/review/components/report-page';
import { TeamReportPage } from '../../features/review/components/team-report-page';
import { ROLES } from '../../lib/api-types';
import { RequireSession } from '../require-session';
import { useTranslation } from 'react-i18next';

// the exercise list is the control feature's picker; the route composes it with the review feature
export function ReviewListRoute() {
  const { t } = useTranslation();
  return (
    <RequireSession allow={{ roles: ROLES }}>
      {() => <ExercisePicker title={t('nav.review')} canCreate={false} roomHref={reviewPaths.report.getHref} />}
    </RequireSession>
  );
}

export function ReviewReportRoute() {
  const { exerciseId = '' } = useParams();
  return (
    <RequireSession allow={{ roles: ROLES }}>
      {(s) => (
        <ReportPage
          key={exerciseId}
          exerciseId={exerciseId}
          canEdit={s.kind === 'user' && CONTROL_ROLES.includes(s.user.role)}
        />
      )}
    </RequireSession>
  );
}

export function TeamReportRoute() {
  return <RequireSession allow={{ participant: true }}>{() => <TeamReportPage />}</RequireSession>;
}
