/** The lesson's sections (h2, with h3 nested), extracted at build time. */
import type { TocEntry } from '@/lib/content/remark-headings.server';

export function TableOfContents({ entries, label }: { entries: TocEntry[]; label: string }) {
  if (entries.length === 0) return null;
  return (
    <nav aria-labelledby="toc" className="toc not-prose">
      <h2 id="toc" className="toc-heading">
        {label}
      </h2>
      <ol>
        {entries.map((entry) => (
          <li key={entry.id} data-depth={entry.depth}>
            <a href={`#${entry.id}`}>{entry.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
