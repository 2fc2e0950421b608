/**
 * The names of the components a lesson may use, as plain data. The content pipeline
 * (lib/content, server only) reads this list to reject unknown components at build time,
 * so it must stay free of React; registry.tsx maps every name here to its component.
 */
export const MDX_COMPONENT_NAMES = ['Answer', 'Callout', 'Command', 'Details', 'Exercise', 'Figure', 'Question', 'Quiz'] as const;
export type MdxComponentName = (typeof MDX_COMPONENT_NAMES)[number];

/** Elements the pipeline writes itself (every fenced code block becomes a CodeBlock). */
export const INTERNAL_COMPONENT_NAMES = ['CodeBlock'] as const;
export type InternalComponentName = (typeof INTERNAL_COMPONENT_NAMES)[number];

/** Props a component cannot do without; a missing one fails the build. */
export const REQUIRED_PROPS: Partial<Record<MdxComponentName, readonly string[]>> = {
  Figure: ['alt'],
  Details: ['summary'],
  Exercise: ['id'],
  Quiz: ['id'],
  Question: ['id', 'prompt'],
  Answer: ['why'],
};

export const CALLOUT_KINDS = ['note', 'tip', 'warning'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];
