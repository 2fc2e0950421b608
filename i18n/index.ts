/**
 * Every string the UI shows lives under i18n/<locale>/, one file per area of the site, so that a
 * Chinese edition is a new folder and not a hunt through components. Lesson prose lives in content/.
 */
import { site } from './en/site';
import { terminal } from './en/terminal';

export const LOCALES = ['en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

const en = { site, terminal };
export type Messages = typeof en;

const catalogue: Record<Locale, Messages> = { en };

export function getMessages(locale: Locale): Messages {
  return catalogue[locale];
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
