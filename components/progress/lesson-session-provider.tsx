'use client';
/**
 * Puts one LessonSession where the lesson's exercise cards, its Reset control and its terminal
 * pane can all reach it, and writes a pending save when the page is hidden or left.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { LessonSession, type LessonInfo, type SessionState } from './lesson-session';

const SessionContext = createContext<LessonSession | null>(null);

export function LessonSessionProvider({ info, children }: { info: LessonInfo; children: ReactNode }) {
  const [session] = useState(() => new LessonSession(info));

  useEffect(() => {
    const flush = () => session.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, [session]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useLessonSession(): LessonSession | null {
  return useContext(SessionContext);
}

const EMPTY: SessionState = { statuses: {}, reports: {}, setAside: false, save: 'idle', generation: 0, loaded: false, quiz: {} };
const noSubscription = () => () => undefined;
const empty = () => EMPTY;

/** The session's state, re-rendering on every change; an empty state outside a lesson. */
export function useSessionState(): SessionState {
  const session = useLessonSession();
  return useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getState ?? empty, empty);
}
