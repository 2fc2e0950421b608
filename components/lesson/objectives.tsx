/** What the student will be able to do after the lesson, shown above the text (`code` in backticks shows as code). */
import { Target } from 'lucide-react';
import { withInlineCode } from '@/components/exercises/inline-code';

export function Objectives({ items, heading }: { items: string[]; heading: string }) {
  return (
    <section aria-labelledby="objectives" className="objectives not-prose">
      <h2 id="objectives" className="objectives-heading">
        <Target aria-hidden="true" className="size-4" strokeWidth={2} />
        {heading}
      </h2>
      <ul>
        {items.map((item) => (
          <li key={item}>{withInlineCode(item)}</li>
        ))}
      </ul>
    </section>
  );
}
