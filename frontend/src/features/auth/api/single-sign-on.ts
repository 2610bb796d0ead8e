import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, type ApiResponse } from '../../../lib/api-client';

/** Whether this platform offers OpenID Connect sign-in (set up by the administrator through OIDC_* settings). */
export type SingleSignOn = ApiResponse<'/auth/oidc'>;

export const singleSignOnQueryOptions = () =>
  queryOptions({
    queryKey: ['single-sign-on'],
    queryFn: () => api.get('/auth/oidc'),
    staleTime: Infinity,
    retry: false,
  });

export const useSingleSignOn = () => useQuery(singleSignOnQueryOptions());

/** The address of the "Sign in with …" button: a full-page navigation to the identity provider, back to `redirect` afterwards. */
export function singleSignOnHref(sso: Extract<SingleSignOn, { enabled: true }>, redirect: string | null): string {
  return redirect ? `${sso.loginUrl}?redirect=${encodeURIComponent(redirect)}` : sso.loginUrl;
}
