/** Previous / next lesson links at the bottom of a lesson; nothing when there is neither. */
import { ArrowLeft, ArrowRight } from 'lucide-react';
import Link from 'next/link';

export interface PagerLink {
  href: string;
  title: string;
}

export interface LessonPagerProps {
  previous: PagerLink | null;
  next: PagerLink | null;
  strings: { pagerLabel: string; previous: string; next: string };
}

export function LessonPager({ previous, next, strings }: LessonPagerProps) {
  if (!previous && !next) return null;
  return (
    <nav aria-label={strings.pagerLabel} className="pager">
      {previous ? (
        <Link href={previous.href} rel="prev" className="pager-link">
          <span className="pager-direction">
            <ArrowLeft aria-hidden="true" className="size-4" /> {strings.previous}
          </span>
          <span className="pager-title">{previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.href} rel="next" className="pager-link pager-next">
          <span className="pager-direction">
            {strings.next} <ArrowRight aria-hidden="true" className="size-4" />
          </span>
          <span className="pager-title">{next.title}</span>
        </Link>
      ) : null}
    </nav>
  );
}
