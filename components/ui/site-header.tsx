/** The slim bar on every page: site name (home link) and the theme toggle. */
import Link from 'next/link';
import type { Messages } from '@/i18n';
import { ThemeToggle } from './theme-toggle';

export interface SiteHeaderProps {
  homeHref: string;
  strings: Messages['site'];
  /** Shown after the site name, e.g. the current lesson's number. */
  context?: string;
}

export function SiteHeader({ homeHref, strings, context }: SiteHeaderProps) {
  return (
    <header className="z-20 border-b border-line bg-page/90 backdrop-blur supports-[backdrop-filter]:bg-page/80 lg:sticky lg:top-0">
      <div className="flex h-14 items-center justify-between gap-4 px-4 sm:px-6">
        <div className="flex min-w-0 items-center gap-3">
          <Link href={homeHref} aria-label={strings.header.home} className="brand flex items-center gap-2 rounded-md font-semibold tracking-tight text-ink">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 text-accent">
              <rect x="3" y="10" width="18" height="9" rx="1.5" fill="currentColor" />
              <rect x="5.5" y="5" width="6" height="4" rx="1" fill="currentColor" opacity="0.55" />
              <rect x="12.5" y="5" width="6" height="4" rx="1" fill="currentColor" opacity="0.8" />
            </svg>
            <span>{strings.name}</span>
          </Link>
          {context ? (
            <span className="hidden truncate text-sm text-muted sm:inline">
              <span aria-hidden="true" className="mr-3 text-line">/</span>
              {context}
            </span>
          ) : null}
        </div>
        <div className="flex items-center gap-3">
          <nav aria-label={strings.header.navLabel}>
            <Link href={homeHref} className="rounded-md px-2 py-1 text-sm font-medium text-muted hover:text-ink">
              {strings.header.lessons}
            </Link>
          </nav>
          <ThemeToggle strings={strings.theme} />
        </div>
      </div>
    </header>
  );
}
