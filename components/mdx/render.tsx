/**
 * Turns a compiled lesson (lib/content) into React elements, on the server.
 * A plain helper, not a component: building the MDX component during render would trip
 * react-hooks/static-components. mdx-bundler is loaded outside Next's bundle with its own
 * `require('react')`, so the page's React and JSX runtime are passed in.
 */
import * as React from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import { getMDXComponent } from 'mdx-bundler/client';
import type { MDXComponents } from 'mdx/types';

export function renderMdx(code: string, components: MDXComponents): React.ReactElement {
  const Content = getMDXComponent(code, { React, _jsx_runtime: jsxRuntime });
  return <Content components={components} />;
}
