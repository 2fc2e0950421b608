/** Links that let a keyboard user jump past the header; visible only while focused. */
export interface SkipLink {
  href: string;
  label: string;
}

export function SkipLinks({ links }: { links: SkipLink[] }) {
  return (
    <div className="skip-links">
      {links.map((link) => (
        <a key={link.href} href={link.href} className="skip-link">
          {link.label}
        </a>
      ))}
    </div>
  );
}
