import { badInput } from '../common/domain-error.js';

/** The longest reason a block may state (about a short paragraph, as in a silence-break letter). */
export const MAX_BLOCK_REASON = 500;

/**
 * The reason stated with a vote, checked: a block (possible only where the decision allows one)
 * must state its reason — in the North Atlantic Council an Ally that breaks silence says why, and
 * the other members and the evaluator need it to find a way through — and no other vote carries
 * one. `path` names the field in the error ("reason" or "vote.reason"). An empty or blank reason
 * counts as none.
 */
export function checkedVoteReason(choice: string, reason: string | undefined, path: string): string | null {
  const text = reason?.trim() ?? '';
  if (choice !== 'block') {
    if (text)
      throw badInput('vote.reason-not-block', `${path}: only a block carries a reason; remove it or vote block`);
    return null;
  }
  if (!text)
    throw badInput(
      'vote.reason-required',
      `${path}: a block must state its reason (up to ${MAX_BLOCK_REASON} characters)`,
    );
  if (text.length > MAX_BLOCK_REASON)
    throw badInput(
      'vote.reason-too-long',
      `${path}: at most ${MAX_BLOCK_REASON} characters (this one has ${text.length})`,
    );
  return text;
}
