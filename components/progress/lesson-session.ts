/**
 * One lesson's live session on the page: the exercise cards' statuses and the checks' reports,
 * kept in step with the terminal's world and saved to the browser after every command. Plain
 * TypeScript (an external store for React's useSyncExternalStore), so Vitest can drive it.
 *
 * The terminal pane calls `start()` for the saved world, `attach()` with its terminal, and then
 * feeds it what the shell worker reports; the cards and the Reset control only read and ask.
 */
import type { ExerciseStatusReport, SandboxSnapshot } from '@/components/terminal/protocol';
import { applyReports, cleanStatuses, markAttempted, type ExerciseOrder, type Statuses } from './lesson-progress';
import { deleteSave, loadSave, SAVE_SCHEMA_VERSION, setAside, writeSave, type LoadedSave, type LessonSave } from './lesson-save';
import { chooseAnswer, hasAnswers, type QuizAnswers } from './quiz-answers';

export interface LessonInfo {
  lesson: string;
  locale: string;
  scenario: string;
  exercises: ExerciseOrder;
  /** The earlier lesson whose world this one carries on in, when the student has one (frontmatter `continues`). */
  continues?: string;
}

export type SaveState = 'idle' | 'pending' | 'saved' | 'failed';

export interface SessionState {
  statuses: Statuses;
  reports: Readonly<Record<string, ExerciseStatusReport>>;
  /** The save could not be used: it was set aside and the lesson started fresh. */
  setAside: boolean;
  save: SaveState;
  /** Bumped by Reset lesson, so cards forget the hints and solutions they had shown. */
  generation: number;
  /** The save has been read (or there was none, or no storage): statuses from now on are the student's. */
  loaded: boolean;
  /** The answers chosen in the lesson's quizzes. */
  quiz: QuizAnswers;
}

/** Where saves live: IndexedDB in the browser, a Map in tests. */
export interface SaveStorage {
  load(lesson: string): Promise<LoadedSave>;
  write(lesson: string, save: LessonSave): Promise<unknown>;
  remove(lesson: string): Promise<unknown>;
  setAside(lesson: string): Promise<unknown>;
}

export const browserStorage: SaveStorage = { load: loadSave, write: writeSave, remove: deleteSave, setAside: (lesson) => setAside(lesson) };

/** What the session needs of the terminal. */
export interface SessionTerminal {
  reset(): void;
  history(): readonly string[];
}

export const SAVE_DEBOUNCE_MS = 250;

export class LessonSession {
  private state: SessionState = { statuses: {}, reports: {}, setAside: false, save: 'idle', generation: 0, loaded: false, quiz: {} };
  private readonly listeners = new Set<() => void>();
  private readonly resetListeners = new Set<() => void>();
  private terminal: SessionTerminal | null = null;
  private latest: SandboxSnapshot | undefined;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Storage calls run one after another, so a reset's delete can never be overtaken by a save. */
  private io: Promise<unknown> = Promise.resolve();
  /** Set by start() when the world it returned is the `continues` lesson's, not this lesson's own. */
  carriedFrom: string | undefined;
  /** Reset lesson chose the scenario's world over the earlier lesson's: kept in every save after. */
  private carryDeclined = false;

  constructor(
    readonly info: LessonInfo,
    private readonly storage: SaveStorage = browserStorage,
    private readonly now: () => number = () => Date.now(),
  ) {}

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called after Reset lesson (the terminal pane closes its editor). */
  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /** Reads the save: the statuses go to the cards, the world is returned for the terminal to restore. */
  async start(): Promise<SandboxSnapshot | undefined> {
    let loaded: LoadedSave;
    try {
      loaded = await this.queue(() => this.storage.load(this.info.lesson));
    } catch {
      loaded = { kind: 'none' }; // no storage here: the lesson works, it is just not kept
    }
    // Answers chosen while the save was being read win over the saved ones, and are saved.
    const early = this.state.quiz;
    if (loaded.kind === 'unreadable') {
      this.set({ setAside: true, loaded: true });
    } else if (loaded.kind === 'none') {
      this.set({ loaded: true });
    } else {
      this.latest = loaded.save.snapshot;
      const quiz: Record<string, Record<string, number>> = { ...loaded.save.quiz };
      for (const [id, answers] of Object.entries(early)) quiz[id] = { ...quiz[id], ...answers };
      this.set({ statuses: cleanStatuses(this.info.exercises, loaded.save.statuses), quiz, loaded: true });
    }
    if (hasAnswers(early)) this.scheduleSave();
    const own = loaded.kind === 'ok' ? loaded.save.snapshot : undefined;
    this.carryDeclined = loaded.kind === 'ok' && loaded.save.carryDeclined === true;
    return own ?? (loaded.kind === 'unreadable' || this.carryDeclined ? undefined : this.earlierWorld());
  }

  /** The world the student left in the lesson this one continues, if they have one. */
  private async earlierWorld(): Promise<SandboxSnapshot | undefined> {
    const earlier = this.info.continues;
    if (!earlier) return undefined;
    try {
      const loaded = await this.queue(() => this.storage.load(earlier));
      if (loaded.kind !== 'ok' || !loaded.save.snapshot) return undefined;
      this.carriedFrom = earlier;
      return loaded.save.snapshot;
    } catch {
      return undefined;
    }
  }

  attach(terminal: SessionTerminal): () => void {
    this.terminal = terminal;
    return () => {
      this.flush(); // while the terminal can still tell its history
      if (this.terminal === terminal) this.terminal = null;
    };
  }

  /** A command finished: the cards available now are in progress. */
  commandFinished(): void {
    this.set({ statuses: markAttempted(this.info.exercises, this.state.statuses) });
  }

  exercises(reports: readonly ExerciseStatusReport[]): void {
    const before = this.state.statuses;
    const statuses = applyReports(this.info.exercises, before, reports);
    this.set({ statuses, reports: Object.fromEntries(reports.map((r) => [r.id, r])) });
    if (statuses !== before && this.latest) this.scheduleSave();
  }

  /** The student chose an answer in a quiz: kept with the lesson's progress. */
  answerQuiz(quiz: string, question: string, answer: number): void {
    const next = chooseAnswer(this.state.quiz, quiz, question, answer);
    if (next === this.state.quiz) return;
    this.set({ quiz: next });
    if (this.state.loaded) this.scheduleSave();
  }

  snapshot(snapshot: SandboxSnapshot): void {
    this.latest = snapshot;
    this.scheduleSave();
  }

  /** The worker could not restore the saved world and started afresh: set the save aside. */
  restoreFailed(): void {
    this.latest = undefined;
    this.cancelSave();
    this.set({ setAside: true, statuses: {}, reports: {} });
    void this.queue(() => this.storage.setAside(this.info.lesson)).catch(() => undefined);
    // Quiz answers do not depend on the world: they stay, and are saved again.
    if (hasAnswers(this.state.quiz)) this.scheduleSave();
  }

  dismissNotice(): void {
    this.set({ setAside: false });
  }

  /** Reset lesson: the world goes back to the lesson's scenario and its progress is forgotten. */
  async resetLesson(): Promise<void> {
    this.cancelSave();
    this.latest = undefined;
    this.set({ statuses: {}, reports: {}, quiz: {}, setAside: false, save: 'idle', generation: this.state.generation + 1 });
    // A lesson that continues an earlier one remembers the choice, so a reload keeps the scenario's world.
    const declined: LessonSave = { schemaVersion: SAVE_SCHEMA_VERSION, savedAt: this.now(), statuses: {}, history: [], carryDeclined: true };
    const removed = this.queue(() => (this.info.continues ? this.storage.write(this.info.lesson, declined) : this.storage.remove(this.info.lesson))).catch(() => undefined);
    this.carriedFrom = undefined;
    this.carryDeclined = this.info.continues !== undefined;
    this.terminal?.reset();
    for (const listener of this.resetListeners) listener();
    await removed;
  }

  /** Writes a pending save now (the page is being hidden or left). */
  flush(): void {
    if (this.timer === null) return;
    this.cancelSave();
    void this.write();
  }

  private scheduleSave(): void {
    this.cancelSave();
    if (this.state.save !== 'pending') this.set({ save: 'pending' });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, SAVE_DEBOUNCE_MS);
  }

  private cancelSave(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async write(): Promise<void> {
    const snapshot = this.latest;
    const quiz = this.state.quiz;
    // Nothing of the student's yet (or the save not read): nothing to write.
    if (!this.state.loaded || (!snapshot && !hasAnswers(quiz))) return;
    const save: LessonSave = {
      schemaVersion: SAVE_SCHEMA_VERSION,
      savedAt: this.now(),
      statuses: { ...this.state.statuses },
      history: [...(this.terminal?.history() ?? [])],
    };
    if (snapshot) save.snapshot = snapshot;
    if (hasAnswers(quiz)) save.quiz = quiz;
    if (this.carryDeclined) save.carryDeclined = true;
    const generation = this.state.generation;
    try {
      await this.queue(() => this.storage.write(this.info.lesson, save));
      if (generation === this.state.generation && this.timer === null) this.set({ save: 'saved' });
    } catch {
      if (generation === this.state.generation) this.set({ save: 'failed' });
    }
  }

  private queue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.io.then(work, work);
    this.io = next.catch(() => undefined);
    return next;
  }

  private set(patch: Partial<SessionState>): void {
    const changed = (Object.keys(patch) as Array<keyof SessionState>).some((key) => patch[key] !== this.state[key]);
    if (!changed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
