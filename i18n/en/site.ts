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
  },
  mdx: {
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
