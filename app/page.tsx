/** `/`: sends the visitor to the default edition (a static export has no server redirects). */
import type { Metadata } from 'next';
import { DEFAULT_LOCALE, getMessages } from '@/i18n';

const { site } = getMessages(DEFAULT_LOCALE);
const target = `/${DEFAULT_LOCALE}/`;

export const metadata: Metadata = {
  title: { absolute: site.redirect.title },
  robots: { index: false },
};

export default function RootRedirect() {
  return (
    <main id="main-content" className="mx-auto grid min-h-dvh max-w-md place-content-center gap-3 p-6 text-center">
      <meta httpEquiv="refresh" content={`0; url=${target}`} />
      <p className="text-muted">{site.redirect.message}</p>
      <p>
        <a href={target} className="font-medium text-accent underline underline-offset-4">
          {site.redirect.link}
        </a>
      </p>
    </main>
  );
}
