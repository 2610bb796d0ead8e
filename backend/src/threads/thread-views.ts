/** Someone a team may address a request for information to. */
export interface Party {
  id: string;
  name: string;
  organisation?: string | undefined;
}
