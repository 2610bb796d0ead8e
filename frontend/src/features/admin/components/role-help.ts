import type { Role } from '../../../lib/api-types';

/** What each role may do, in one line, shown where a role is chosen. */
export const ROLE_HELP: Record<Role, string> = {
  admin: 'everything, including accounts',
  instructor: 'writes scenarios and runs drills',
  facilitator: 'runs drills from the control room',
  evaluator: 'scores responses, writes the journal',
  observer: 'watches drills and reads reports',
};
