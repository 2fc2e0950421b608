/** The static export's 404.html. */
import Link from 'next/link';
import { DEFAULT_LOCALE, getMessages } from '@/i18n';
import { SiteHeader } from '@/components/ui/site-header';
import { SkipLinks } from '@/components/ui/skip-links';

const { site } = getMessages(DEFAULT_LOCALE);
const home = `/${DEFAULT_LOCALE}/`;

export const metadata = { title: site.notFound.title };

export default function NotFound() {
  return (
    <>
      <SkipLinks links={[{ href: '#main-content', label: site.skip.toContent }]} />
      <SiteHeader homeHref={home} strings={site} />
      <main id="main-content" tabIndex={-1} className="mx-auto max-w-xl px-6 py-24">
        <p className="font-mono text-sm text-muted">404</p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">{site.notFound.title}</h1>
        <p className="mt-4 text-muted">{site.notFound.message}</p>
        <p className="mt-8">
          <Link href={home} className="button-primary">
            {site.notFound.home}
          </Link>
        </p>
      </main>
    </>
  );
}
