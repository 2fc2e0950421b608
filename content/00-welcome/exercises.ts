/**
 * Lesson 0's exercises: small goals on the fresh host, each checked against the machine's state.
 * The words are here, beside the checks, one entry per language.
 */
import { missing, pass, type LessonExercises } from '@/sandbox/exercises/types';

const exercises: LessonExercises = {
  scenario: 'fresh-host',
  ordered: false,
  exercises: [
    {
      id: 'leave-a-note',
      title: { en: 'Leave a note: a file notes.txt in your home directory that says Hello, Dockyard' },
      hints: [
        { text: { en: '`echo` prints text; `>` sends what a command prints into a file instead of the screen.' } },
        {
          text: { en: 'You made a notes.txt, but not in /root. Your home directory is /root: `cd ~` takes you back.' },
          when: async (world) => (await world.readFile('/root/notes.txt')) === null && ((await world.readFile('/tmp/notes.txt')) !== null || (await world.readFile(`${world.cwd()}/notes.txt`)) !== null),
        },
        { text: { en: 'Run `echo "Hello, Dockyard" > ~/notes.txt`, then `cat ~/notes.txt` to see it.' } },
      ],
      async check(world) {
        const note = await world.readFile('/root/notes.txt');
        if (note === null) return missing({ en: 'There is no notes.txt in /root yet.' });
        if (!/hello,? dockyard/i.test(note)) return missing({ en: 'notes.txt exists, but it does not say Hello, Dockyard.' });
        return pass();
      },
      solution: { commands: ['echo "Hello, Dockyard" > ~/notes.txt', 'cat ~/notes.txt'] },
    },
    {
      id: 'make-a-workspace',
      title: { en: 'Make a directory called projects in your home directory, and move into it' },
      hints: [
        { text: { en: '`mkdir` makes a directory; `cd` changes the directory you are in. The prompt shows where you are.' } },
        {
          text: { en: 'The directory is there; now step into it with `cd`.' },
          when: async (world) => (await world.isDirectory('/root/projects')) && world.cwd() !== '/root/projects',
        },
        { text: { en: 'Run `mkdir ~/projects`, then `cd ~/projects`. The prompt becomes root@lab:~/projects#.' } },
      ],
      async check(world) {
        if (!(await world.isDirectory('/root/projects'))) return missing({ en: 'There is no directory /root/projects yet.' });
        if (world.cwd() !== '/root/projects') return missing({ en: `/root/projects exists, but the shell is in ${world.cwd()}.` });
        return pass();
      },
      solution: { commands: ['mkdir ~/projects', 'cd ~/projects'] },
    },
    {
      id: 'which-release',
      title: { en: 'Save the VERSION_ID line of /etc/os-release into ~/version.txt' },
      hints: [
        { text: { en: '`grep WORD FILE` prints only the lines of FILE that contain WORD.' } },
        {
          text: { en: 'version.txt is there, but it does not hold the version. Check it with `cat ~/version.txt`.' },
          when: async (world) => {
            const text = await world.readFile('/root/version.txt');
            return text !== null && !text.includes('24.04');
          },
        },
        { text: { en: 'Run `grep VERSION_ID /etc/os-release > ~/version.txt`.' } },
      ],
      async check(world) {
        const text = await world.readFile('/root/version.txt');
        if (text === null) return missing({ en: 'There is no version.txt in /root yet.' });
        if (!/VERSION_ID="?24\.04"?/.test(text)) return missing({ en: 'version.txt does not contain the VERSION_ID line.' });
        return pass();
      },
      solution: { commands: ['grep VERSION_ID /etc/os-release > ~/version.txt', 'cat ~/version.txt'] },
    },
  ],
};

export default exercises;
