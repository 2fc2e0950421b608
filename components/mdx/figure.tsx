/**
 * A picture with a caption and a required text alternative. Either an image file
 * (`src="/figures/x.svg"`) or inline SVG as children, which may use the `.diagram` classes in
 * globals.css so it follows the site's light and dark themes.
 */
import type { ReactNode } from 'react';

export interface FigureProps {
  alt: string;
  src?: string;
  caption?: string;
  width?: number;
  height?: number;
  children?: ReactNode;
}

export function Figure({ alt, src, caption, width, height, children }: FigureProps) {
  return (
    <figure className="figure not-prose">
      {src ? (
        // A static export serves images as they are; next/image's optimiser is not available.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={src} alt={alt} width={width} height={height} loading="lazy" decoding="async" />
      ) : (
        <div role="img" aria-label={alt} className="figure-art">
          {children}
        </div>
      )}
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}
