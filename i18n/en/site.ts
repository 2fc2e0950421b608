/**
 * Site chrome: header, course home, lesson page, MDX components, 404. Owned by the site.
 * Plain strings only (they are passed to client components as props); `{name}` marks a
 * placeholder filled in by `format()` from components/ui/format.
 */
export const site = {
  name: 'Dockyard',
  tagline: 'Learn containers and Kubernetes by taking them apart, in your browser.',
  titleTemplate: '{title} · Dockyard',
  skip: {
    toContent: 'Skip to content',
    toTerminal: 'Skip to terminal',
  },
  header: {
    home: 'Dockyard, course home',
    navLabel: 'Site',
    lessons: 'Lessons',
  },
  theme: {
    system: 'System',
    light: 'Light',
    dark: 'Dark',
    /** The toggle's accessible name; it cycles through the three choices. */
    toggle: 'Theme: {current}. Switch to {next}',
  },
  redirect: {
    title: 'Dockyard',
    message: 'Taking you to the course…',
    link: 'Open the course',
  },
  home: {
    title: 'Containers and Kubernetes, from the inside',
    intro:
      'Each lesson sits beside a terminal on a simulated Linux machine that runs entirely in your browser. Read a little, run a command, look at what changed.',
    lessonsHeading: 'Lessons',
    lessonNumber: 'Lesson {order}',
    minutes: '{minutes} min',
    minutesLong: 'about {minutes} minutes',
    start: 'Start with lesson {order}',
    empty: 'No lessons yet.',
    /** Beside a lesson with exercises, once any progress is saved in this browser. */
    progress: '{done} of {total} done',
    progressLong: '{done} of {total} exercises done',
    resetAll: 'Reset all progress',
    resetAllTitle: 'Reset all progress?',
    resetAllMessage:
      'Every lesson goes back to its start: the files you made, the commands you ran and the exercises you finished are deleted from this browser. This cannot be undone.',
    resetAllConfirm: 'Reset all progress',
    resetAllDone: 'All progress was reset.',
    cancel: 'Cancel',
  },
  lesson: {
    lessonNumber: 'Lesson {order}',
    minutes: 'about {minutes} minutes',
    objectivesHeading: 'In this lesson you will',
    tocLabel: 'On this page',
    pagerLabel: 'Lessons',
    previous: 'Previous',
    next: 'Next',
    terminalPane: 'Terminal pane',
    divider: 'Resize the lesson text and the terminal',
    dividerValue: 'Lesson text {percent}% of the width',
    resetLesson: 'Reset lesson',
    resetTitle: 'Reset this lesson?',
    resetMessage:
      'The machine goes back to how this lesson started: the files you made and the commands you ran here are gone, and its exercises and quiz start again. Other lessons keep their progress.',
    resetConfirm: 'Reset lesson',
    resetDone: 'The lesson was reset.',
    cancel: 'Cancel',
    /** Above the first exercise card: how far the student is. */
    progress: '{done} of {total} exercises done',
  },
  mdx: {
    exercise: {
      kicker: 'Exercise {number}',
      status: {
        locked: 'Locked',
        'not-started': 'Not started',
        'in-progress': 'In progress',
        done: 'Done',
      },
      /** Read out when a card's status changes. */
      announcement: 'Exercise {number}: {status}',
      locked: 'Finish the exercises above first; this one opens when they are done.',
      missing: 'Still missing:',
      doneMessage: 'Done: the machine is in the state this exercise asks for.',
      hint: 'Hint',
      nextHint: 'Next hint',
      noMoreHints: 'No more hints',
      hintNumber: 'Hint {number}',
      /** A hint chosen by a hint check: it matches what the student just did. */
      matchedHint: 'About what you just did',
      showSolution: 'Show solution',
      hideSolution: 'Hide solution',
      solution: 'Solution',
      solve: 'Solve',
      solveLabel: 'Solve exercise {number}: type its solution into the terminal',
    },
    quiz: {
      title: 'Quiz',
      /** Before any answer is chosen. */
      unanswered: 'No answers yet',
      score: '{right} of {total} right',
      questionNumber: '{number}.',
      right: 'Right',
      wrong: 'Wrong',
    },
    callout: {
      note: 'Note',
      tip: 'Tip',
      warning: 'Warning',
    },
    code: {
      command: 'Command',
      run: 'Run',
      runLabel: 'Run: {command}',
      copy: 'Copy',
      copyLabel: 'Copy: {command}',
      copied: 'Copied',
      copiedAnnouncement: 'Copied to the clipboard',
      copyFailed: 'Copy failed',
    },
  },
  notFound: {
    title: 'Page not found',
    message: 'There is no page at this address. It may have moved, or the link may be mistyped.',
    home: 'Go to the course home',
  },
};
