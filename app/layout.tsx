import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { DEFAULT_LOCALE, getMessages } from '@/i18n';
import { format } from '@/components/ui/format';
import { PREFERENCES_SCRIPT } from '@/components/ui/preferences';
import './globals.css';

const { site } = getMessages(DEFAULT_LOCALE);

export const metadata: Metadata = {
  title: { default: site.name, template: format(site.titleTemplate, { title: '%s' }) },
  description: site.tagline,
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbfaf7' },
    { media: '(prefers-color-scheme: dark)', color: '#151412' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The head script sets class="dark" and style before React hydrates.
    <html lang={DEFAULT_LOCALE} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: PREFERENCES_SCRIPT }} />
      </head>
      <body className="min-h-dvh bg-page font-sans text-ink antialiased">{children}</body>
    </html>
  );
}
