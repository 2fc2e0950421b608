/** A lesson: text (rendered from MDX on the server) beside the terminal. */
import { Clock } from 'lucide-react';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LESSON_EXERCISES } from '@/content/exercises';
import { getMessages, isLocale } from '@/i18n';
import { LessonPager } from '@/components/lesson/lesson-pager';
import { Objectives } from '@/components/lesson/objectives';
import { SplitView } from '@/components/lesson/split-view';
import { TableOfContents } from '@/components/lesson/table-of-contents';
import { createMdxComponents } from '@/components/mdx/registry';
import { renderMdx } from '@/components/mdx/render';
import { LessonControls } from '@/components/progress/lesson-controls';
import type { LessonInfo } from '@/components/progress/lesson-session';
import { LessonSessionProvider } from '@/components/progress/lesson-session-provider';
import { TerminalPanel } from '@/components/terminal/terminal-panel';
import { initialPrompt } from '@/sandbox/scenarios/prompts';
import { format } from '@/components/ui/format';
import { SiteHeader } from '@/components/ui/site-header';
import { SkipLinks } from '@/components/ui/skip-links';
import { getLesson, getLessonSummaries } from '@/lib/content/lessons.server';

export const dynamicParams = false;

export async function generateStaticParams({ params }: { params: { locale: string } }) {
  const lessons = await getLessonSummaries(params.locale);
  return lessons.map((lesson) => ({ lesson: lesson.slug }));
}

type Props = { params: Promise<{ locale: string; lesson: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, lesson: slug } = await params;
  if (!isLocale(locale)) return {};
  const { lesson } = await getLesson(locale, slug);
  return { title: lesson.frontmatter.title, description: lesson.frontmatter.summary };
}

export default async function LessonPage({ params }: Props) {
  const { locale, lesson: slug } = await params;
  if (!isLocale(locale)) notFound();
  const messages = getMessages(locale);
  const { site } = messages;
  const { lesson, previous, next } = await getLesson(locale, slug);
  const { frontmatter } = lesson;
  const href = (s: string) => `/${locale}/${s}/`;
  const number = format(site.lesson.lessonNumber, { order: lesson.order });
  const exercises = LESSON_EXERCISES[slug];
  // Plain data only: the checks stay on the server and in the shell worker.
  const info: LessonInfo = {
    lesson: slug,
    locale,
    scenario: frontmatter.scenario,
    ...(frontmatter.continues ? { continues: frontmatter.continues } : {}),
    exercises: { ids: exercises?.exercises.map((e) => e.id) ?? [], ordered: exercises?.ordered ?? false },
  };

  const text = (
    <main id="main-content" tabIndex={-1} className="lesson-main">
      <article data-testid="lesson-text" aria-labelledby="lesson-title" data-scenario={frontmatter.scenario} className="lesson-article prose prose-stone dark:prose-invert">
        <header className="not-prose">
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
            <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
              <span className="font-medium text-accent">{number}</span>
              <span aria-hidden="true">·</span>
              <span className="inline-flex items-center gap-1.5">
                <Clock aria-hidden="true" className="size-3.5" />
                {format(site.lesson.minutes, { minutes: frontmatter.minutes })}
              </span>
            </p>
            <LessonControls strings={site.lesson} />
          </div>
          <h1 id="lesson-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance text-ink sm:text-4xl">
            {frontmatter.title}
          </h1>
          <p className="mt-4 text-lg leading-relaxed text-muted">{frontmatter.summary}</p>
        </header>
        <Objectives items={frontmatter.objectives} heading={site.lesson.objectivesHeading} />
        <TableOfContents entries={lesson.toc} label={site.lesson.tocLabel} />
        {renderMdx(lesson.code, createMdxComponents(site.mdx, { slug, locale }))}
      </article>
      <LessonPager
        previous={previous ? { href: href(previous.slug), title: previous.frontmatter.title } : null}
        next={next ? { href: href(next.slug), title: next.frontmatter.title } : null}
        strings={site.lesson}
      />
    </main>
  );

  return (
    <LessonSessionProvider key={slug} info={info}>
      <SkipLinks
        links={[
          { href: '#main-content', label: site.skip.toContent },
          { href: '#terminal-pane', label: site.skip.toTerminal },
        ]}
      />
      <SiteHeader homeHref={`/${locale}/`} strings={site} context={number} />
      <SplitView
        text={text}
        terminal={<TerminalPanel strings={messages.terminal} initialPrompt={initialPrompt(frontmatter.scenario)} lesson={slug} />}
        strings={{ divider: site.lesson.divider, dividerValue: site.lesson.dividerValue, terminalPane: site.lesson.terminalPane }}
      />
    </LessonSessionProvider>
  );
}
