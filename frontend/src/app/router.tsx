import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { paths } from '../config/paths';
import { AppLayout } from './layout';
import { reviewPaths } from '../features/review/api/review-paths';
import { RequireSession } from './require-session';

// each role's pages load on demand: a player never downloads the control room
const HomeRoute = lazy(() => import('./routes/home').then((m) => ({ default: m.HomeRoute })));
const LoginRoute = lazy(() => import('./routes/login').then((m) => ({ default: m.LoginRoute })));
const JoinRoute = lazy(() => import('./routes/join').then((m) => ({ default: m.JoinRoute })));
const PlayRoute = lazy(() => import('./routes/play').then((m) => ({ default: m.PlayRoute })));
const ControlListRoute = lazy(() => import('./routes/control').then((m) => ({ default: m.ControlListRoute })));
const ControlRoomRoute = lazy(() => import('./routes/control').then((m) => ({ default: m.ControlRoomRoute })));
const EvaluateListRoute = lazy(() => import('./routes/evaluate').then((m) => ({ default: m.EvaluateListRoute })));
const EvaluateRoomRoute = lazy(() => import('./routes/evaluate').then((m) => ({ default: m.EvaluateRoomRoute })));
const ObserveListRoute = lazy(() => import('./routes/observe').then((m) => ({ default: m.ObserveListRoute })));
const ObserveRoomRoute = lazy(() => import('./routes/observe').then((m) => ({ default: m.ObserveRoomRoute })));
const AuthorRoute = lazy(() =>
  import('../features/author/components/author-page').then((m) => ({ default: m.AuthorPage })),
);
const ReviewListRoute = lazy(() => import('./routes/review').then((m) => ({ default: m.ReviewListRoute })));
const ReviewReportRoute = lazy(() => import('./routes/review').then((m) => ({ default: m.ReviewReportRoute })));
const TeamReportRoute = lazy(() => import('./routes/review').then((m) => ({ default: m.TeamReportRoute })));
const AccountRoute = lazy(() => import('./routes/account').then((m) => ({ default: m.AccountRoute })));
const AccountsRoute = lazy(() =>
  import('../features/admin/components/accounts-page').then((m) => ({ default: m.AccountsPage })),
);
const NotFoundRoute = lazy(() => import('./routes/not-found').then((m) => ({ default: m.NotFoundRoute })));

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppLayout />}>
          <Route path={paths.home.path} element={<HomeRoute />} />
          <Route path={paths.login.path} element={<LoginRoute />} />
          <Route path={paths.join.path} element={<JoinRoute />} />
          <Route path={paths.play.path} element={<PlayRoute />} />
          <Route path={paths.control.list.path} element={<ControlListRoute />} />
          <Route path={paths.control.room.path} element={<ControlRoomRoute />} />
          <Route path={paths.evaluate.list.path} element={<EvaluateListRoute />} />
          <Route path={paths.evaluate.room.path} element={<EvaluateRoomRoute />} />
          <Route path={paths.observe.list.path} element={<ObserveListRoute />} />
          <Route path={paths.observe.room.path} element={<ObserveRoomRoute />} />
          <Route
            path="/author"
            element={
              <RequireSession allow={{ roles: ['admin', 'instructor'] }}>{() => <AuthorRoute />}</RequireSession>
            }
          />
          <Route path={reviewPaths.list.path} element={<ReviewListRoute />} />
          <Route path={reviewPaths.report.path} element={<ReviewReportRoute />} />
          <Route path={reviewPaths.team.path} element={<TeamReportRoute />} />
          <Route path={paths.account.path} element={<AccountRoute />} />
          <Route
            path={paths.accounts.path}
            element={<RequireSession allow={{ roles: ['admin'] }}>{() => <AccountsRoute />}</RequireSession>}
          />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
