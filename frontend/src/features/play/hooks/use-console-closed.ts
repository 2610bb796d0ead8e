import { createContext, useContext } from 'react';

/**
 * True once the exercise has ended (ENDEX): every control that would write (response, vote,
 * acknowledgement, request) is closed at once, so nothing the player does can meet a 409.
 */
export const ConsoleClosedContext = createContext(false);
export const useConsoleClosed = () => useContext(ConsoleClosedContext);
