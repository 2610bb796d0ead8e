/** An image artifact of an inject, served only once the inject has reached the player's team. */
export const playerArtifactUrl = (injectId: string, index: number) =>
  `/api/play/injects/${encodeURIComponent(injectId)}/artifacts/${index}`;
