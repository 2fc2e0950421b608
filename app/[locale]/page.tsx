/** The course home: every lesson in order, with its summary and length. */
import { ArrowRight, Clock } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LESSON_EXERCISES } from '@/content/exercises';
import { getMessages, isLocale } from '@/i18n';
import { LessonProgressMeter, ResetAllProgress } from '@/components/progress/course-progress';
import { format } from '@/components/ui/format';
import { SiteHeader } from '@/components/ui/site-header';
import { SkipLinks } from '@/components/ui/skip-links';
import { getLessonSummaries } from '@/lib/content/lessons.server';

type Props = { params: Promise<{ locale: string }> };

const exerciseIds = (slug: string) => LESSON_EXERCISES[slug]?.exercises.map((e) => e.id) ?? [];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const { site } = getMessages(locale);
  return { title: { absolute: `${site.name}: ${site.home.title}` }, description: site.tagline };
}

export default async function CourseHome({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const { site } = getMessages(locale);
  const lessons = await getLessonSummaries(locale);
  const first = lessons[0];
  const href = (slug: string) => `/${locale}/${slug}/`;

  return (
    <>
      <SkipLinks links={[{ href: '#main-content', label: site.skip.toContent }]} />
      <SiteHeader homeHref={`/${locale}/`} strings={site} />
      <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-6 pt-14 pb-24 sm:pt-20">
        <p className="text-sm font-medium tracking-wide text-accent uppercase">{site.name}</p>
        <h1 className="mt-3 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">{site.home.title}</h1>
        <p className="mt-5 max-w-[60ch] text-lg leading-relaxed text-muted">{site.home.intro}</p>
        {first ? (
          <p className="mt-8">
            <Link href={href(first.slug)} className="button-primary">
              {format(site.home.start, { order: first.order })}
              <ArrowRight aria-hidden="true" className="size-4" />
            </Link>
          </p>
        ) : null}

        <div className="mt-16 flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-sm font-semibold tracking-wide text-muted uppercase">{site.home.lessonsHeading}</h2>
          <ResetAllProgress strings={site.home} />
        </div>
        {lessons.length === 0 ? <p className="mt-4 text-muted">{site.home.empty}</p> : null}
        <ol className="mt-4 divide-y divide-line border-y border-line" data-testid="lesson-list">
          {lessons.map((lesson) => (
            <li key={lesson.slug} className="group relative flex gap-5 py-6">
              <span aria-hidden="true" className="w-8 shrink-0 pt-0.5 font-mono text-sm text-muted tabular-nums">
                {String(lesson.order).padStart(2, '0')}
              </span>
              <div className="min-w-0 flex-1">
                <h3 className="text-lg font-semibold tracking-tight">
                  <Link href={href(lesson.slug)} className="card-link group-hover:text-accent">
                    <span className="sr-only">{format(site.home.lessonNumber, { order: lesson.order })}: </span>
                    {lesson.frontmatter.title}
                  </Link>
                </h3>
                <p className="mt-1.5 leading-relaxed text-muted">{lesson.frontmatter.summary}</p>
                <div className="mt-2 flex flex-wrap items-center gap-x-5 gap-y-1">
                  <p className="flex items-center gap-1.5 text-sm text-muted">
                    <Clock aria-hidden="true" className="size-3.5" />
                    <span aria-hidden="true">{format(site.home.minutes, { minutes: lesson.frontmatter.minutes })}</span>
                    <span className="sr-only">{format(site.home.minutesLong, { minutes: lesson.frontmatter.minutes })}</span>
                  </p>
                  {exerciseIds(lesson.slug).length > 0 ? <LessonProgressMeter lesson={lesson.slug} ids={exerciseIds(lesson.slug)} strings={site.home} /> : null}
                </div>
              </div>
            </li>
          ))}
        </ol>
      </main>
    </>
  );
}
