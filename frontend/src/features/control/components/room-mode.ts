/** steer: facilitators and instructors; evaluate: evaluators (read-only); observe: observers (read-only, fewer panels). */
export type RoomMode = 'steer' | 'evaluate' | 'observe';
export const canSteer = (mode: RoomMode) => mode === 'steer';
